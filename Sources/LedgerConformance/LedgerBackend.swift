import CreditCore

/// What the conformance suite needs from a backend besides the store itself.
public struct LedgerBackend: Sendable {
    /// Opens a new connection to one empty ledger; each call reaches the same database, as a second
    /// process would.
    public var open: @Sendable () async throws -> any LedgerStore
    /// Runs plain SQL on that database, behind the bridge's back.
    public var execute: @Sendable (String) async throws -> Void
    /// SQL that lifts the database's guard on entries, as someone editing by hand would.
    public var liftEntryGuards: [String]
    /// SQL that lifts the database's guard on the merge log (`person_merges`).
    public var liftMergeGuards: [String]
    /// SQL that lifts the database's guard on issued documents and their modules.
    public var liftDocumentGuards: [String]

    public init(
        open: @escaping @Sendable () async throws -> any LedgerStore,
        execute: @escaping @Sendable (String) async throws -> Void, liftEntryGuards: [String],
        liftMergeGuards: [String] = [], liftDocumentGuards: [String] = []
    ) {
        self.open = open
        self.execute = execute
        self.liftEntryGuards = liftEntryGuards
        self.liftMergeGuards = liftMergeGuards
        self.liftDocumentGuards = liftDocumentGuards
    }
}
