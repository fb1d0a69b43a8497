import Foundation

/// Signed-in staff, by the random token their session cookie holds. Kept in memory: a restart of
/// the console signs everyone out.
actor ConsoleSessions {
    struct Session: Sendable {
        let token: String
        let login: String
        /// Every form of the session carries it; every POST must send it back.
        let csrf: String
        var lastSeen: Date
    }

    /// A session unused this long is over.
    let idleTimeout: TimeInterval
    private let clock: @Sendable () -> Date
    private var sessions: [String: Session] = [:]

    init(idleTimeout: TimeInterval = 8 * 3600, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.idleTimeout = idleTimeout
        self.clock = clock
    }

    func start(login: String) -> Session {
        let now = clock()
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < idleTimeout }
        let session = Session(token: RandomToken.make(), login: login, csrf: RandomToken.make(), lastSeen: now)
        sessions[session.token] = session
        return session
    }

    /// The session of `token`, if it is live; using it keeps it alive.
    func session(token: String) -> Session? {
        let now = clock()
        guard var session = sessions[token] else { return nil }
        guard now.timeIntervalSince(session.lastSeen) < idleTimeout else {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    func end(token: String) { sessions[token] = nil }
}

/// 32 random bytes as 64 hex digits.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
