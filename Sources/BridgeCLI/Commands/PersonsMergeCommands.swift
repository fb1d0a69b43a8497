import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation

/// `moodle-bridge persons duplicates`: pairs of persons that look like one teacher.
struct PersonsDuplicatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List pairs of persons that look like one teacher, with what they share and their hours.",
        discussion: """
            A pair shares a SNILS, an idnumber or an e-mail, or a full name and birth date. Persons \
            already merged are not listed. Merge a pair that is one teacher with `persons merge`.
            """)

    @OptionGroup var options: LedgerOptions
    @Option(help: "Print the pairs as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let pairs = try await FindPossibleDuplicates(ledger: options.opener(.existing)).run()
        switch format {
        case .json: try Printer.json(pairs)
        case .text:
            for pair in pairs {
                let shared = pair.evidence.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
                print("\(pair.first.person) and \(pair.second.person) share \(shared)")
                for side in [pair.first, pair.second] {
                    let sites = side.sites.isEmpty ? "" : "; sites \(side.sites.joined(separator: ", "))"
                    print("  \(side.person)  \(side.name): \(side.modules) module(s), \(side.hours) h\(sites)")
                }
            }
            if pairs.isEmpty { print("No possible duplicates.") }
        }
    }
}

/// `moodle-bridge persons merge KEEP OTHER --reason …`: two persons are one teacher.
struct PersonsMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge OTHER into KEEP: one teacher known under two persons.",
        discussion: """
            The merge is appended to the ledger's merge log; no entry is rewritten. From then on \
            OTHER's credits count as KEEP's (a module credited to both counts once) and OTHER's keys \
            identify KEEP. `persons unmerge OTHER` takes it back. Refused: a person into itself, a \
            person already merged, or OTHER with persons merged into it.
            """)

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The person who stays.") var keep: String
    @Argument(help: "The person merged into KEEP.") var other: String
    @Option(help: "Why the two are one teacher.") var reason: String
    @Option(help: "Who merges them (recorded in the merge log).") var `operator`: String = NSUserName()

    func run() async throws {
        let result = try await MergePersons(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(.init(keep: keep, other: other, reason: reason, operator: self.operator))
        PersonsMergeOutput.print("Merged \(other) into \(keep)", result)
    }
}

/// `moodle-bridge persons unmerge OTHER --reason …`: takes a merge back.
struct PersonsUnmergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmerge",
        abstract: "Take back the merge of OTHER: it counts as itself again.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The person merged earlier.") var other: String
    @Option(help: "Why the merge is taken back.") var reason: String
    @Option(help: "Who unmerges (recorded in the merge log).") var `operator`: String = NSUserName()

    func run() async throws {
        let result = try await UnmergePersons(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(.init(other: other, reason: reason, operator: self.operator))
        PersonsMergeOutput.print("Unmerged \(other) from \(result.merge.merge.keep)", result)
    }
}

enum PersonsMergeOutput {
    static func print(_ headline: String, _ result: MergePersons.Result) {
        Swift.print("\(headline) (merge log event \(result.merge.position)).")
        for total in result.before {
            Swift.print("  before: \(total.person) \(total.modules) module(s), \(total.hours.value) h")
        }
        Swift.print("  now:    \(result.after.person) \(result.after.modules) module(s), \(result.after.hours.value) h")
        for document in result.documents {
            Swift.print(
                "Warning: \(document): it stays as issued; review it, and if it no longer holds, cancel it with `\(document.kind == .statement ? "statements" : "certificates") cancel \(document.registrationNumber) --reason …`."
            )
        }
    }
}
