import Synchronization

/// Counts HTTP requests sent per `wsfunction` (retries included).
final class RequestCounter: Sendable {
    private let counts: Mutex<[String: Int]> = Mutex([:])

    func record(_ function: String) { counts.withLock { $0[function, default: 0] += 1 } }

    var snapshot: [String: Int] { counts.withLock { $0 } }

    func reset() { counts.withLock { $0.removeAll() } }
}
