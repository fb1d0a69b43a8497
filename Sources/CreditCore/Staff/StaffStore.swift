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
}
