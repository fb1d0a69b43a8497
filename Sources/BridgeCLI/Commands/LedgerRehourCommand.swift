import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation

/// `moodle-bridge ledger rehour MODULE`: re-credits a module's credits at its hours of today.
struct LedgerRehourCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehour",
        abstract: "Re-credit a module's standing credits at its current hours (a reversal and a new credit each).",
        discussion: """
            When a module's hours change (in the mapping files, or a course's hours field in Moodle), \
            the credits given before keep their hours: the sync and the reconciliation report say so, \
            and nothing is rewritten. When the registrar decides the new hours apply, this writes, for \
            each standing credit of MODULE at other hours (since --from-date, when given), a reversal \
            and a new credit at the new hours — same person, form and day — in one batch. The new hours \
            are the mapping's; a module the mapping files do not name (a course credited by its own \
            hours field) takes --hours. Issued documents stay as issued and are named.

            Example: moodle-bridge ledger rehour DIST-FGOS-01 --document "приказ 12" --reason "объём 36 ч" --operator petrova --dry-run
            """)

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The module, e.g. DIST-FGOS-01.") var module: String
    @Option(help: "The new hours (only for a module the mapping files do not name).") var hours: Int?
    @Option(help: "Only credits that occurred on or after this day (dd.mm.yyyy).") var fromDate: String?
    @Option(help: "The document that orders the change.") var document: String
    @Option(help: "Why the hours change.") var reason: String
    @Option(help: "Who makes the change.") var `operator`: String = NSUserName()
    @Flag(help: "List the credits that would be re-credited, and write nothing.") var dryRun = false
    @Option(help: "Print the result as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let result = try await RehourCredits(
            mapping: try options.loadMapping(), ledger: options.opener(.existing)
        ).run(
            .init(
                module: module, hours: hours, fromDate: fromDate, document: document, reason: reason,
                operator: self.operator, dryRun: dryRun))
        switch format {
        case .json:
            struct Output: Encodable {
                let module: String
                let hours: Int
                let changes: [RehourCredits.Change]
                let written: Int
                let dryRun: Bool
                let documents: [String]
            }
            try Printer.json(
                Output(
                    module: result.module, hours: result.hours, changes: result.changes, written: result.written,
                    dryRun: result.dryRun, documents: result.documents.map(\.description)),
                ledger: options.location)
        case .text:
            for change in result.changes {
                print("\(change.credit)  \(change.person)  \(change.occurredOn)  \(change.oldHours) h → \(change.newHours) h")
            }
            let verb = result.dryRun ? "would be re-credited (dry run, nothing written)" : "re-credited"
            print("\(result.module): \(result.changes.count) credit(s) \(verb) at \(result.hours) h.")
            for document in result.documents {
                print("Warning: \(document): it stays as issued.")
            }
        }
    }
}
