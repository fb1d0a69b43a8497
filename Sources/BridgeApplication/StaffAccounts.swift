import CreditCore
import Foundation
import HummingbirdBcrypt

/// Add a staff account of the console: a login, a role and a password, kept as a bcrypt hash.
public struct AddStaff: Sendable {
    public struct Input: Sendable {
        public var login: String
        public var role: String
        public var password: String

        public init(login: String, role: String, password: String) {
            self.login = login
            self.role = role
            self.password = password
        }
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    public let staff: StaffOpener
    public var now: Date
    /// bcrypt's cost (2^cost rounds): 12 in use; tests may lower it.
    public var cost: UInt8

    public init(staff: @escaping StaffOpener, now: Date = Date(), cost: UInt8 = 12) {
        self.staff = staff
        self.now = now
        self.cost = cost
    }

    public func run(_ input: Input) async throws -> StaffMember {
        let login = input.login.trimmingCharacters(in: .whitespaces)
        guard StaffLogin.isValid(login) else {
            throw ApplicationError(
                .invalidStaff,
                "'\(input.login)' is not a login: use 1–64 latin letters, digits, '.', '-' or '_'")
        }
        guard let role = StaffRole(rawValue: input.role) else {
            throw ApplicationError(
                .invalidValue,
                "unknown role '\(input.role)'; the roles are \(StaffRole.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let password = input.password.trimmingCharacters(in: .newlines)
        guard password.count >= Self.minimumPasswordLength else {
            throw ApplicationError(
                .invalidValue,
                "the password of \(login) is too short: at least \(Self.minimumPasswordLength) characters")
        }
        // bcrypt reads at most 72 bytes: a longer password would be cut silently.
        guard password.utf8.count <= 72 else {
            throw ApplicationError(.invalidValue, "the password of \(login) is longer than 72 bytes, bcrypt's limit")
        }
        let member = StaffMember(
            login: login, role: role, passwordHash: Bcrypt.hash(password, cost: cost), createdAt: now)
        guard try await staff().addStaff(member) else {
            throw ApplicationError(.invalidStaff, "the login \(login) is taken; nothing was changed")
        }
        return member
    }
}

/// The staff accounts, in login order.
public struct ListStaff: Sendable {
    public let staff: StaffOpener

    public init(staff: @escaping StaffOpener) { self.staff = staff }

    public func run() async throws -> [StaffMember] { try await staff().staff() }
}

/// Disable a staff account: it can no longer sign in; its writes keep its login as their operator.
public struct DisableStaff: Sendable {
    public let staff: StaffOpener

    public init(staff: @escaping StaffOpener) { self.staff = staff }

    public func run(login: String) async throws {
        guard try await staff().disableStaff(login: login) else {
            throw ApplicationError(.unknown, "no staff account '\(login)'")
        }
    }
}

/// The form of a staff login.
enum StaffLogin {
    static func isValid(_ login: String) -> Bool {
        (1...64).contains(login.count)
            && login.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }
    }
}
