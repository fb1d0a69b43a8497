import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation

/// `moodle-bridge ledger …`: the credit ledger itself.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Add credits by hand or from credit sheets, correct them, and verify the ledger.",
        discussion: """
            The ledger is append-only: entries are never changed or removed, a correction is a \
            reversal entry. The database itself refuses an UPDATE or DELETE, and a hash chain over \
            the entries lets `ledger verify` find an entry edited or removed behind the bridge's back.
            """,
        subcommands: [
            LedgerImportCommand.self, LedgerAddCommand.self, LedgerReverseCommand.self, LedgerRehourCommand.self,
            LedgerVerifyCommand.self,
        ])
}

/// `moodle-bridge ledger verify`: checks the hash chain.
struct LedgerVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that nothing the documents rest on was changed outside MoodleBridge.",
        discussion: "Exit status: 0 when the ledger is intact, 2 when it is not (or there is no ledger at all).")

    @OptionGroup var options: LedgerOptions
    @Option(help: "Print the result as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        struct Output: Encodable {
            let intact: Bool
            let entriesChecked: Int
            let headHash: String?
            let problem: String?
            var routesChecked = false
        }
        // A missing ledger is not an intact empty one: nothing can vouch for the entries it had.
        let ledger: any LedgerStore
        do { ledger = try await options.openLedger(.existing, missingExitCode: ExitCode(.ledgerFailed)) } catch {
            if format == .json, options.ledgerIsMissing {
                try Printer.json(
                    Output(
                        intact: false, entriesChecked: 0, headHash: nil,
                        problem: options.missingLedger().description),
                    ledger: options.location)
            }
            throw error
        }
        // The programs judge the routes; without mapping files the routes are left unchecked.
        var isFolder: ObjCBool = false
        let hasMappings =
            FileManager.default.fileExists(atPath: options.mappings, isDirectory: &isFolder) && isFolder.boolValue
        let result = try await VerifyLedger(mapping: hasMappings ? try options.loadMapping() : nil, ledger: { ledger })
            .run()
        let verification = result.verification
        switch format {
        case .json:
            try Printer.json(
                Output(
                    intact: verification.isIntact, entriesChecked: verification.entriesChecked,
                    headHash: verification.headHash, problem: verification.problem?.description,
                    routesChecked: result.routesChecked),
                ledger: options.location)
        case .text:
            if let problem = verification.problem {
                print("The ledger is NOT intact: \(problem).")
                print(
                    "Checked \(verification.entriesChecked) entries. Restore the database from a backup or investigate who changed it."
                )
            } else {
                print(
                    "The ledger is intact: \(verification.entriesChecked) entries, head \(verification.headHash.prefix(16))."
                )
                if !result.routesChecked {
                    print(
                        "Routes were not checked: no mapping files at \(options.mappings) to judge them by (--mappings)."
                    )
                }
            }
        }
        if !verification.isIntact { throw ExitCode(.ledgerFailed) }
    }
}
