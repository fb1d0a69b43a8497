/// The time seam for retries and rate limiting: a monotonic "now" and a sleep.
///
/// Tests pass a virtual clock whose `sleep` only advances `now`, so backoff runs instantly.
public struct MoodleClock: Sendable {
    /// Monotonic time elapsed since an arbitrary, fixed origin.
    public var now: @Sendable () -> Duration
    /// Suspends for the given duration; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @Sendable @escaping () -> Duration, sleep: @Sendable @escaping (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The real clock (`ContinuousClock`).
    public static var continuous: MoodleClock {
        let clock = ContinuousClock()
        let origin = clock.now
        return MoodleClock(
            now: { clock.now - origin },
            sleep: { duration in try await clock.sleep(for: duration) })
    }
}
