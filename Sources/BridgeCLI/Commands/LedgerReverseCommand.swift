import ArgumentParser
import CreditCore
import Foundation

/// `moodle-bridge ledger reverse ENTRY`: cancels a credit with a reversal entry.
struct LedgerReverseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse",
        abstract: "Cancel a credit by writing a reversal entry (the credit itself stays in the ledger).")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The id of the credit to cancel, e.g. E42.") var entry: String
    @Option(help: "The document that orders the correction.") var document: String
    @Option(help: "Who makes the correction.") var `operator`: String
    @Option(help: "Why the credit is cancelled.") var reason: String

    func run() async throws {
        let ledger = try await options.openLedger(.existing)
        let all = try await ledger.entries(person: nil)
        guard let credit = all.first(where: { $0.id.rawValue == entry }) else {
            throw CLIError("no entry \(entry) in the ledger")
        }
        guard credit.isCredit else { throw CLIError("\(entry) is itself a reversal; it cannot be reversed") }
        let draft = LedgerBatch.Draft(
            person: credit.person, module: credit.module, hours: credit.hours, form: credit.form,
            kind: .reversal(of: credit.id), occurredAt: Date(),
            source: .manual(operator: self.operator, document: document), idempotencyKey: "reversal/\(credit.id)",
            note: reason)
        let outcome = try await ledger.append(
            LedgerBatch(
                id: BatchID("reversal-\(UUID().uuidString.prefix(8).lowercased())"), kind: .manual,
                actor: self.operator, description: "reversal of \(credit.id): \(document)", recordedAt: Date(),
                entries: [draft]))
        print(
            outcome.written == 1
                ? "Reversed \(credit.id) (\(credit.module), \(credit.hours.value) h)."
                : "\(credit.id) was already reversed.")
    }
}
