import Synchronization

/// Spaces request starts evenly so that at most `requestsPerMinute` start in any minute.
final class RateLimiter: Sendable {
    private let interval: Duration
    private let nextSlot: Mutex<Duration?> = Mutex(nil)

    init(requestsPerMinute: Int) {
        interval = .seconds(60) / max(1, requestsPerMinute)
    }

    /// Reserves the next start slot and returns how long to wait for it.
    func reserve(now: Duration) -> Duration {
        nextSlot.withLock { next in
            let slot = max(now, next ?? now)
            next = slot + interval
            return slot - now
        }
    }
}
