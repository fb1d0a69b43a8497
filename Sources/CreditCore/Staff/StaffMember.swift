import Foundation

/// What a staff member of the console may do.
///
/// Each role may do everything the roles before it may: a viewer reads; a registrar also writes
/// persons, credit sheets, routes and documents; an administrator also manages staff.
public enum StaffRole: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case registrar
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .registrar: 1
        case .admin: 2
        }
    }

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role may do what `required` may.
    public func allows(_ required: StaffRole) -> Bool { self >= required }
}

/// A staff account of the console, as the ledger database keeps it.
public struct StaffMember: Hashable, Sendable {
    /// The name the staff member signs in with; also recorded as the operator of their writes.
    public var login: String
    public var role: StaffRole
    /// The password's bcrypt hash (never the password).
    public var passwordHash: String
    public var createdAt: Date
    /// A disabled account cannot sign in; it stays on record with its writes.
    public var disabled: Bool

    public init(login: String, role: StaffRole, passwordHash: String, createdAt: Date, disabled: Bool = false) {
        self.login = login
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabled = disabled
    }
}
