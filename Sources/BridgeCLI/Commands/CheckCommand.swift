import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation
import MoodleClient

/// `moodle-bridge check --site ID`: connects to one Moodle site and says whether it can be synced.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a Moodle site can be synced: token, version, functions and completion path.",
        discussion: """
            Reads the site from the mapping files, takes its web-service token from the configured \
            source (an environment variable, or the first line of a file), calls \
            core_webservice_get_site_info and prints the Moodle version, the web-service user, \
            whether the token's service allows every function the sync needs (and how to add the \
            missing ones), and which completion path the site supports: the report builder \
            (Moodle 4.1+ with completion_report configured) or the classic calls. On the \
            report-builder path it also reads one row of the completion report; on the classic \
            path it reads the course list and the participants of each mapped course. From these \
            sizes it prints the requests a full sync and a nightly run with nothing new will make, \
            and what each optional function the service lacks would save.

            Exit status: 0 the site can be synced; 1 bad input (unknown site, broken mapping files); \
            3 the site cannot be synced (no token, invalid token, missing functions, web services \
            off, unreachable …), with the cause and what to do on standard error.
            """)

    @Option(help: "The id of the site in sites.yaml.")
    var site: String

    @Option(help: "The folder holding the mapping files.")
    var mappings: String = "Mappings"

    @Option(help: "Print the result as text for people, or as JSON for scripts.")
    var format: OutputFormat = .text

    @Option(help: "Seconds to wait for each answer from Moodle.")
    var timeout: Int = 30

    func run() async throws {
        let connector = SiteConnector.forCheck(timeout: .seconds(timeout))
        let checkSite = CheckSite(
            configuration: try LedgerOptions.parse(["--mappings", mappings]).loadConfiguration(),
            mappingsLocation: mappings, connect: { try connector.connect($0, $1) })
        let result = try await checkSite.run(site: site)
        switch format {
        case .text: print(Self.text(result.report, config: result.site), terminator: "")
        case .json: try Printer.json(result.report)
        }
        if let refusal = result.refusal { throw refusal }
    }

    /// The summary for people.
    static func text(_ report: SiteCheck.Report, config: SiteConfig) -> String {
        var lines = ["Site \(report.siteID): \(config.name)"]
        func row(_ label: String, _ value: String) {
            lines.append("  " + (label + ":").padding(toLength: 18, withPad: " ", startingAt: 0) + value)
        }
        row("URL", report.configuredURL)
        if let name = report.siteName {
            row("Moodle site", "\(name) (\(report.siteURL ?? "?"))")
            row("Moodle", "\(report.release ?? "unknown release"), version \(report.version ?? "unknown")")
            row("Web-service user", "\(report.username ?? "?") (id \(report.userID.map(String.init) ?? "?"))")
            let required = report.requiredFunctions.count
            if report.missingFunctions.isEmpty {
                row("Functions", "all \(required) functions the sync needs are allowed")
            } else {
                row("Functions", "\(report.missingFunctions.count) of \(required) needed functions are missing:")
                lines += report.missingFunctions.map { "      - \($0)" }
                lines.append("    Add them in \(SiteCheck.addFunctionsPath).")
            }
            if let path = report.completionPath {
                switch path {
                case .reportBuilder:
                    let probe = report.completionReport
                    let detail = probe.map {
                        "report \($0.id)\($0.name.map { " \"\($0)\"" } ?? ""): \($0.headers.count) columns, "
                            + "\($0.totalRowCount) \($0.totalRowCount == 1 ? "row" : "rows")"
                    }
                    row("Completion path", "report builder" + (detail.map { " (\($0))" } ?? ""))
                case .classic:
                    row(
                        "Completion path",
                        "classic (\(MoodleFunction.getEnrolledUsers) + \(MoodleFunction.getCourseCompletionStatus))")
                }
            }
            if let batching = report.batching {
                row("Batching", batching ? "yes (\(MoodleFunction.callExternalFunctions))" : "no")
            }
            if let expected = report.expectedRequests {
                let classic = report.completionPath == .classic
                row("Requests a run", "for \(expected.sizes):")
                func figures(_ value: Int, _ optional: Int?) -> String {
                    (classic ? "at most " : "") + "\(value)"
                        + (optional.map { " (\($0) with \(expected.optionalFunctions.joined(separator: " and ")))" }
                            ?? "")
                }
                lines.append(
                    "      full sync: \(expected.fullSync)"
                        + (expected.fullSyncWithOptional.map {
                            " (\($0) with \(expected.optionalFunctions.joined(separator: " and ")))"
                        } ?? "")
                        + (classic
                            ? ", plus one status call per completed pair (one request per 50 with batching)" : "")
                        + (expected.looksUpNewLearners ? ", plus one look-up per 100 learners new to the ledger" : ""))
                lines.append(
                    "      nightly, nothing new: " + figures(expected.nothingNew, expected.nothingNewWithOptional))
            }
        }
        lines += report.notes.map { "  Note: \($0)" }
        let causes = report.problems.map(\.cause).joined(separator: ", ")
        lines.append(report.usable ? "The site can be synced." : "The site cannot be synced (\(causes)).")
        return lines.joined(separator: "\n") + "\n"
    }
}
