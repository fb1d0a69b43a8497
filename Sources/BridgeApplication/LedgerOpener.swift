import CreditCore

/// How a use case gets the ledger: opened only once its input has been checked, so that a refused
/// command never creates a ledger file. A front end passes its own opener; tests pass `{ ledger }`.
public typealias LedgerOpener = @Sendable () async throws -> any LedgerStore
