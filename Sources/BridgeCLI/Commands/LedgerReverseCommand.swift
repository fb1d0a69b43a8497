import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation

/// `moodle-bridge ledger reverse ENTRY`: cancels a credit with a reversal entry.
struct LedgerReverseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse",
        abstract: "Cancel a credit by writing a reversal entry (the credit itself stays in the ledger).",
        discussion: "A credit is reversed once: a credit already reversed (by hand or by a sync) is refused.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The id of the credit to cancel, e.g. E42.") var entry: String
    @Option(help: "The document that orders the correction.") var document: String
    @Option(help: "Who makes the correction.") var `operator`: String
    @Option(help: "Why the credit is cancelled.") var reason: String

    func run() async throws {
        let result = try await ReverseCredit(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(.init(entry: entry, document: document, operator: self.operator, reason: reason))
        print("Reversed \(result.credit.id) (\(result.credit.module), \(result.credit.hours.value) h).")
        for document in result.documents {
            print(
                "Warning: \(document): it stays as issued; if it no longer holds, cancel it with `\(document.kind == .statement ? "statements" : "certificates") cancel \(document.registrationNumber) --reason …`."
            )
        }
    }
}
