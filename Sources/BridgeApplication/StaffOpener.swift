import CreditCore

/// How a staff use case gets the staff accounts: from the ledger database, opened once the input
/// has been checked. Tests pass `{ ledger }`.
public typealias StaffOpener = @Sendable () async throws -> any StaffStore
