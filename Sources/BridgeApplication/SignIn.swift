import CreditCore
import Foundation
import HummingbirdBcrypt

/// Sign a staff member in to the console: the login, the password checked against its bcrypt hash,
/// attempts limited per account and per address by a ``LoginThrottle``.
public struct SignIn: Sendable {
    public enum Outcome: Hashable, Sendable {
        case signedIn(StaffMember)
        /// Unknown login, wrong password or disabled account: the same answer for each.
        case refused
        /// Too many failed attempts for this account or this address; try again after the moment.
        case throttled(until: Date)
    }

    public let staff: StaffOpener
    public let throttle: LoginThrottle

    public init(staff: @escaping StaffOpener, throttle: LoginThrottle) {
        self.staff = staff
        self.throttle = throttle
    }

    /// - Parameters:
    ///   - address: The client's network address, for the per-address limit.
    public func run(login: String, password: String, address: String) async throws -> Outcome {
        if let until = await throttle.blockedUntil(login: login, address: address) { return .throttled(until: until) }
        let member = try await staff().staffMember(login: login)
        // An unknown login costs as much time as a wrong password, so timing does not tell logins apart.
        let matches = Bcrypt.verify(password, hash: member?.passwordHash ?? Self.decoyHash)
        guard let member, matches, !member.disabled else {
            await throttle.recordFailure(login: login, address: address)
            return .refused
        }
        await throttle.recordSuccess(login: login)
        return .signedIn(member)
    }

    /// A bcrypt hash (cost 12) of a random text no one knows.
    static let decoyHash = Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: 12)
}

/// Counts failed sign-ins within a window, per account and per address, and blocks further tries
/// once either count reaches its limit until the window of the oldest counted failure has passed.
public actor LoginThrottle {
    public let perAccount: Int
    public let perAddress: Int
    public let window: TimeInterval
    private let clock: @Sendable () -> Date
    private var failuresByLogin: [String: [Date]] = [:]
    private var failuresByAddress: [String: [Date]] = [:]

    /// - Parameters:
    ///   - perAccount: Failed attempts on one login allowed within `window`.
    ///   - perAddress: Failed attempts from one address allowed within `window`, whatever the logins.
    public init(
        perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
        self.clock = clock
    }

    /// When the account or the address may try again, if it may not now.
    public func blockedUntil(login: String, address: String) -> Date? {
        let now = clock()
        let key = login.lowercased()
        failuresByLogin[key] = failuresByLogin[key]?.filter { now.timeIntervalSince($0) < window }
        failuresByAddress[address] = failuresByAddress[address]?.filter { now.timeIntervalSince($0) < window }
        var until: Date?
        if let failures = failuresByLogin[key], failures.count >= perAccount, let first = failures.first {
            until = first.addingTimeInterval(window)
        }
        if let failures = failuresByAddress[address], failures.count >= perAddress, let first = failures.first {
            until = max(until ?? .distantPast, first.addingTimeInterval(window))
        }
        return until
    }

    func recordFailure(login: String, address: String) {
        let now = clock()
        failuresByLogin[login.lowercased(), default: []].append(now)
        failuresByAddress[address, default: []].append(now)
    }

    func recordSuccess(login: String) {
        failuresByLogin[login.lowercased()] = nil
    }
}
