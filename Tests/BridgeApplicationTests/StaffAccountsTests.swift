import BridgeApplication
import CreditCore
import Foundation
import HummingbirdBcrypt
import Testing

@Suite("Staff accounts and sign-in")
struct StaffAccountsTests {
    /// A clock the tests move by hand.
    final class TestClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ start: Date) { current = start }
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    func add(
        _ login: String, _ role: String, password: String = "correct horse battery", _ fixture: Fixture
    )
        async throws -> StaffMember
    {
        try await AddStaff(staff: fixture.staff, now: fixture.now, cost: 4).run(
            .init(login: login, role: role, password: password))
    }

    @Test("an account keeps a bcrypt hash of the password, never the password; a taken login is refused")
    func addAccount() async throws {
        let fixture = try Fixture()
        let member = try await add("ivanova", "registrar", fixture)
        #expect(member.role == .registrar && !member.disabled && member.createdAt == fixture.now)
        let stored = try #require(try await fixture.ledger.staffMember(login: "ivanova"))
        #expect(stored.passwordHash.hasPrefix("$2b$04$") && !stored.passwordHash.contains("correct horse"))
        #expect(Bcrypt.verify("correct horse battery", hash: stored.passwordHash))
        #expect(!Bcrypt.verify("correct horse batterY", hash: stored.passwordHash))
        let taken = await fixture.refusal { try await add("ivanova", "admin", fixture) }
        #expect(taken?.kind == .invalidStaff && taken?.message == "the login ivanova is taken; nothing was changed")
        #expect(try await fixture.ledger.staffMember(login: "ivanova")?.role == .registrar)
    }

    @Test("a bad login, role or password is refused, naming it, and nothing is added")
    func badInput() async throws {
        let fixture = try Fixture()
        let role = await fixture.refusal { try await add("petrov", "boss", fixture) }
        #expect(role?.message == "unknown role 'boss'; the roles are viewer, registrar, admin")
        let short = await fixture.refusal { try await add("petrov", "viewer", password: "short", fixture) }
        #expect(short?.message == "the password of petrov is too short: at least 10 characters")
        let login = await fixture.refusal { try await add("пётр ов", "viewer", fixture) }
        #expect(login?.kind == .invalidStaff)
        #expect(try await ListStaff(staff: fixture.staff).run().isEmpty)
    }

    @Test("list and disable: a disabled account cannot sign in and its session owner is gone")
    func disable() async throws {
        let fixture = try Fixture()
        _ = try await add("ivanova", "registrar", fixture)
        _ = try await add("admin", "admin", fixture)
        #expect(try await ListStaff(staff: fixture.staff).run().map(\.login) == ["admin", "ivanova"])
        try await DisableStaff(staff: fixture.staff).run(login: "ivanova")
        let unknown = await fixture.refusal { try await DisableStaff(staff: fixture.staff).run(login: "nobody") }
        #expect(unknown?.message == "no staff account 'nobody'")
        #expect(try await CurrentStaff(staff: fixture.staff).run(login: "ivanova") == nil)
        #expect(try await CurrentStaff(staff: fixture.staff).run(login: "admin")?.role == .admin)
        let signIn = SignIn(staff: fixture.staff, throttle: LoginThrottle())
        #expect(
            try await signIn.run(login: "ivanova", password: "correct horse battery", address: "10.0.0.1") == .refused)
    }

    @Test("sign-in: the right password signs in; a wrong one or an unknown login is refused alike")
    func signIn() async throws {
        let fixture = try Fixture()
        let member = try await add("ivanova", "registrar", fixture)
        let signIn = SignIn(staff: fixture.staff, throttle: LoginThrottle())
        #expect(
            try await signIn.run(login: "ivanova", password: "correct horse battery", address: "a") == .signedIn(member)
        )
        #expect(try await signIn.run(login: "ivanova", password: "wrong password!", address: "a") == .refused)
        #expect(try await signIn.run(login: "nobody", password: "correct horse battery", address: "a") == .refused)
    }

    @Test("five failures lock the account for the window, even with the right password; then it opens again")
    func perAccountLimit() async throws {
        let fixture = try Fixture()
        let member = try await add("ivanova", "registrar", fixture)
        let clock = TestClock(fixture.now)
        let throttle = LoginThrottle(perAccount: 5, perAddress: 100, window: 900, clock: { clock.now })
        let signIn = SignIn(staff: fixture.staff, throttle: throttle)
        for attempt in 1...5 {
            let address = "10.0.0.\(attempt)"
            #expect(try await signIn.run(login: "ivanova", password: "guess \(attempt)", address: address) == .refused)
        }
        let locked = try await signIn.run(login: "ivanova", password: "correct horse battery", address: "10.0.0.9")
        #expect(locked == .throttled(until: fixture.now.addingTimeInterval(900)))
        clock.advance(901)
        #expect(
            try await signIn.run(login: "ivanova", password: "correct horse battery", address: "10.0.0.9")
                == .signedIn(member))
    }

    @Test("failures from one address across many logins lock that address, not the others")
    func perAddressLimit() async throws {
        let fixture = try Fixture()
        let member = try await add("ivanova", "registrar", fixture)
        let clock = TestClock(fixture.now)
        let throttle = LoginThrottle(perAccount: 5, perAddress: 3, window: 900, clock: { clock.now })
        let signIn = SignIn(staff: fixture.staff, throttle: throttle)
        for login in ["a", "b", "c"] {
            #expect(try await signIn.run(login: login, password: "whatever123", address: "203.0.113.5") == .refused)
        }
        let blocked = try await signIn.run(login: "ivanova", password: "correct horse battery", address: "203.0.113.5")
        guard case .throttled = blocked else {
            Issue.record("expected the address to be throttled, got \(blocked)")
            return
        }
        #expect(
            try await signIn.run(login: "ivanova", password: "correct horse battery", address: "198.51.100.7")
                == .signedIn(member))
    }

    @Test("roles: a viewer reads, a registrar also writes records, an administrator also manages staff")
    func roles() {
        #expect(
            StaffRole.viewer.may(.read) && !StaffRole.viewer.may(.writeRecords) && !StaffRole.viewer.may(.manageStaff))
        #expect(StaffRole.registrar.may(.read) && StaffRole.registrar.may(.writeRecords))
        #expect(!StaffRole.registrar.may(.manageStaff))
        #expect(StaffAction.allCases.allSatisfy { StaffRole.admin.may($0) })
    }
}
