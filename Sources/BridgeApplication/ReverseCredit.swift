import BridgeSync
import CreditCore
import Foundation

/// Cancel a credit by writing a reversal entry; the credit itself stays in the ledger.
///
/// An issued certificate or statement that certifies the credit stays as issued; the result names
/// it (``DocumentReliance``), and so does the reconciliation report until it is cancelled.
///
/// A credit is reversed once: a second reversal — by hand, or after the sync reversed it by a
/// site's policy — is refused naming the earlier one (``Reversal``).
public struct ReverseCredit: Sendable {
    public struct Input: Sendable {
        /// The id of the credit, e.g. `E42`.
        public var entry: String
        /// The document that orders the correction.
        public var document: String
        public var `operator`: String
        public var reason: String
        /// When given, the entry must be this person's (a form on one learner's card).
        public var person: String?

        public init(entry: String, document: String, operator: String, reason: String, person: String? = nil) {
            self.entry = entry
            self.document = document
            self.operator = `operator`
            self.reason = reason
            self.person = person
        }
    }

    public struct Result: Hashable, Sendable {
        /// The credit reversed.
        public var credit: LedgerEntry
        /// The reversal entry's idempotency key.
        public var reversalKey: String
        /// The issued, not cancelled documents that certify the credit: they stay as issued, and the
        /// reconciliation report lists each until it is cancelled.
        public var documents: [DocumentReliance]
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    /// - Throws: ``ApplicationError`` when the document, the operator or the reason is empty, the
    ///   entry is unknown, or it cannot be reversed; nothing is written then.
    public func run(_ input: Input) async throws -> Result {
        var input = input
        input.entry = input.entry.trimmingCharacters(in: .whitespaces)
        input.document = input.document.trimmingCharacters(in: .whitespacesAndNewlines)
        input.operator = input.operator.trimmingCharacters(in: .whitespacesAndNewlines)
        input.reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !input.reason.isEmpty else {
            throw ApplicationError(.invalidValue, "the reason is empty; say why \(input.entry) is reversed")
        }
        guard !input.document.isEmpty else {
            throw ApplicationError(
                .invalidValue, "the document is empty; name the order that reverses \(input.entry) (e.g. приказ 6)")
        }
        guard !input.operator.isEmpty else {
            throw ApplicationError(.invalidValue, "the operator is empty; say who reverses \(input.entry)")
        }
        let ledger = try await self.ledger()
        let all = try await ledger.entries(person: nil)
        guard let credit = all.first(where: { $0.id.rawValue == input.entry }) else {
            throw ApplicationError(.unknown, "no entry \(input.entry) in the ledger")
        }
        if let person = input.person, credit.person.rawValue != person {
            throw ApplicationError(.unknown, "no entry \(input.entry) of \(person) in the ledger")
        }
        switch Reversal.refusal(of: credit, in: all) {
        case .notACredit:
            throw ApplicationError(.notReversible, "\(input.entry) is itself a reversal; it cannot be reversed")
        case .alreadyReversed(_, let earlier):
            throw ApplicationError(.notReversible, "\(credit.id) is already reversed by \(Self.describe(earlier))")
        case nil: break
        }
        let key = Reversal.key(of: credit.id)
        let draft = LedgerBatch.Draft(
            person: credit.person, module: credit.module, hours: credit.hours, form: credit.form,
            kind: .reversal(of: credit.id), occurredAt: now,
            source: .manual(operator: input.operator, document: input.document), idempotencyKey: key,
            note: input.reason)
        let outcome = try await ledger.append(
            LedgerBatch(
                id: BatchID("reversal-\(UUID().uuidString.prefix(8).lowercased())"), kind: .manual,
                actor: input.operator, description: "reversal of \(credit.id): \(input.document)", recordedAt: now,
                entries: [draft]))
        // Another writer (a sync at the same moment) may have reversed it in between: the shared key
        // kept that to one reversal.
        guard outcome.written == 1 else {
            let earlier = try await ledger.entries(person: credit.person).first { $0.kind == .reversal(of: credit.id) }
            throw ApplicationError(
                .notReversible, "\(credit.id) is already reversed\(earlier.map { " by \(Self.describe($0))" } ?? "")")
        }
        // The person's routes are judged anew at once, as after any credit.
        _ = try await RouteKeeper(mapping: mapping, timeZone: RegionCalendar(mapping).timeZone).update(
            ledger: ledger, now: now, persons: [credit.person])
        let documents = DocumentReliance.find(in: try await ledger.documents(), reversed: [credit.id])
        return Result(credit: credit, reversalKey: key, documents: documents)
    }

    /// `E57 (by the sync of site ripk on 2026-04-02: …)` or `E57 (by Петрова on 2026-04-02, приказ 6: …)`.
    static func describe(_ reversal: LedgerEntry) -> String {
        let day = ISO8601DateFormatter().string(from: reversal.recordedAt).prefix(10)
        let note = reversal.note.map { ": \($0)" } ?? ""
        switch reversal.source {
        case .manual(let name, let document): return "\(reversal.id) (by \(name) on \(day), \(document)\(note))"
        case .moodle(let site, _, _): return "\(reversal.id) (by the sync of site \(site) on \(day)\(note))"
        case .sheet(let file, _): return "\(reversal.id) (from \(file) on \(day)\(note))"
        }
    }
}
