import Foundation

/// One immutable line of the credit ledger.
///
/// Entries are only ever appended. A correction is a ``Kind/reversal(of:)`` entry that cancels an
/// earlier credit; the credit itself stays in the ledger.
public struct LedgerEntry: Hashable, Sendable, Codable, Identifiable {
    /// Whether the entry grants or withdraws credit.
    public enum Kind: Hashable, Sendable, Codable {
        case credit
        /// Cancels the credit with the given id.
        case reversal(of: EntryID)
    }

    public var id: EntryID
    public var person: PersonID
    public var module: ModuleID
    public var hours: CreditHours
    public var form: StudyForm
    public var kind: Kind
    /// When the learner completed the module.
    public var occurredAt: Date
    /// When the bridge wrote the entry.
    public var recordedAt: Date
    public var source: EntrySource
    /// Unique across the ledger: the same completion or sheet row is written once.
    public var idempotencyKey: String
    public var batch: BatchID?
    public var note: String?

    public init(
        id: EntryID, person: PersonID, module: ModuleID, hours: CreditHours, form: StudyForm,
        kind: Kind = .credit, occurredAt: Date, recordedAt: Date, source: EntrySource,
        idempotencyKey: String, batch: BatchID? = nil, note: String? = nil
    ) {
        self.id = id
        self.person = person
        self.module = module
        self.hours = hours
        self.form = form
        self.kind = kind
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.source = source
        self.idempotencyKey = idempotencyKey
        self.batch = batch
        self.note = note
    }

    public var isCredit: Bool { kind == .credit }
}
