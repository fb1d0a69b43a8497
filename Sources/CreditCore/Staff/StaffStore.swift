import Foundation

/// Where the console's staff accounts are kept: beside the ledger, in the same database.
public protocol StaffStore: Sendable {
    /// Adds an account; returns false (and changes nothing) when the login is taken.
    func addStaff(_ member: StaffMember) async throws -> Bool

    /// Every account, in login order.
    func staff() async throws -> [StaffMember]

    /// The account with this login, if any.
    func staffMember(login: String) async throws -> StaffMember?

    /// Disables an account; returns false when there is no such login.
    func disableStaff(login: String) async throws -> Bool

    /// The staff member's visits of the console's reconciliation queue; nil: never opened it.
    func findingsQueueVisit(login: String) async throws -> FindingsQueueVisit?

    /// Records the staff member's visit of the reconciliation queue, replacing the one before.
    func recordFindingsQueueVisit(_ visit: FindingsQueueVisit, login: String) async throws
}

/// A staff member's visit of the reconciliation queue: when they last opened it, and when their
/// visit before that one was (what the queue marks findings new since).
public struct FindingsQueueVisit: Hashable, Sendable {
    public var lastSeenAt: Date
    public var previousAt: Date?

    public init(lastSeenAt: Date, previousAt: Date?) {
        self.lastSeenAt = lastSeenAt
        self.previousAt = previousAt
    }
}
