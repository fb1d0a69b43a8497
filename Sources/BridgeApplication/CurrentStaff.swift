import CreditCore

/// The account behind a console session as it stands now: nil once it is disabled or gone, so a
/// disabled account's open sessions stop at their next request, and a role change applies at once.
public struct CurrentStaff: Sendable {
    public let staff: StaffOpener

    public init(staff: @escaping StaffOpener) { self.staff = staff }

    public func run(login: String) async throws -> StaffMember? {
        guard let member = try await staff().staffMember(login: login), !member.disabled else { return nil }
        return member
    }
}
