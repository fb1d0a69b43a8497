import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation

/// `moodle-bridge findings …`: the findings history.
struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List the findings the syncs recorded, and acknowledge them.",
        discussion: """
            Every sync records its findings per site: each once, with when and by which run it was \
            first and last seen. A finding is open until a staff member acknowledges it (it then \
            stays acknowledged when seen again) or a later run that looked at the same thing no \
            longer reports it (resolved by that run; seen again, it opens again). Each morning: \
            `moodle-bridge findings --since yesterday`.
            """,
        subcommands: [FindingsListCommand.self, FindingsAcknowledgeCommand.self],
        defaultSubcommand: FindingsListCommand.self)
}

/// `moodle-bridge findings [list]`: the findings history, filtered.
struct FindingsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List findings: open ones by default, or those new since a day.",
        discussion: "--since takes today, yesterday or a day (yyyy-mm-dd or dd.mm.yyyy, in the region's time zone).")

    @OptionGroup var options: LedgerOptions
    @Option(help: "open, acknowledged, resolved or all.") var state = "open"
    @Option(help: "Only this site's findings.") var site: String?
    @Option(help: "Only findings opened (first seen, or seen again after being resolved) since this day.")
    var since: String?
    @Option(help: "Only findings of this kind (e.g. unmatched-user).") var kind: String?
    @Option(help: "Print the findings as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let result = try await ListFindings(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(.init(state: state, site: site, since: since, kind: kind))
        switch format {
        case .json: try Printer.json(result, ledger: options.location)
        case .text:
            let formatter = ISO8601DateFormatter()
            if result.findings.isEmpty {
                print("No \(state == "all" ? "" : state + " ")findings\(since.map { " since \($0)" } ?? "").")
            }
            for finding in result.findings {
                print(
                    "#\(finding.id) [\(finding.state.rawValue)] \(finding.key.site) \(finding.key.kind.rawValue): \(finding.key.subject)"
                )
                print("  \(finding.detail.en)")
                print(
                    "  first seen \(formatter.string(from: finding.firstSeenAt)) (\(finding.firstSeenRun)), last seen \(formatter.string(from: finding.lastSeenAt)) (\(finding.lastSeenRun))"
                )
                if let acknowledgement = finding.acknowledgement {
                    print(
                        "  acknowledged by \(acknowledgement.by) at \(formatter.string(from: acknowledgement.at)): \(acknowledgement.reason)"
                    )
                }
                if let resolution = finding.resolution {
                    print("  resolved by \(resolution.run) at \(formatter.string(from: resolution.at))")
                }
                if finding.state == .open { print("  what to do: \(finding.key.kind.action.en)") }
            }
        }
    }
}

/// `moodle-bridge findings acknowledge ID --reason …`.
struct FindingsAcknowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acknowledge",
        abstract: "Acknowledge an open finding: say why it may stay.",
        discussion: "It stays acknowledged when later runs report it again; a run that no longer does resolves it.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The finding's number, as `findings` lists it (#17 or 17).") var id: String
    @Option(help: "Why the finding may stay.") var reason: String
    @Option(help: "Who acknowledges it (default: the user running the command).")
    var `operator`: String = ProcessInfo.processInfo.environment["USER"] ?? "operator"

    func run() async throws {
        guard let number = Int(id.hasPrefix("#") ? String(id.dropFirst()) : id) else {
            throw CLIError("\(id) is not a finding number; `moodle-bridge findings` lists them (#17)")
        }
        let finding = try await AcknowledgeFinding(ledger: options.opener(.existing))
            .run(.init(id: number, by: self.operator, reason: reason))
        print(
            "Acknowledged #\(finding.id) (\(finding.key.kind.rawValue), \(finding.key.site)) as \(finding.acknowledgement?.by ?? self.operator)."
        )
    }
}
