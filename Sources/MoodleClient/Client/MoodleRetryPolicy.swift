/// When and how long to wait before retrying a transient failure.
///
/// Delays grow exponentially (`initialBackoff * multiplier^(retry-1)`, capped at `maxBackoff`) with
/// ±`jitter` randomisation; a server's `Retry-After` replaces the computed delay. Permanent errors
/// (see ``MoodleError/isTransient``) are never retried.
public struct MoodleRetryPolicy: Sendable {
    /// Total tries including the first; 1 disables retries.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var multiplier: Double
    /// Fraction of the delay to randomise, 0...1 (0.2 = ±20 %).
    public var jitter: Double
    /// A `Retry-After` longer than this ends retrying instead of waiting.
    public var maxRetryAfter: Duration
    /// Returns a uniform random number in `0..<1`; injected so tests are repeatable.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(30),
        multiplier: Double = 2, jitter: Double = 0.2, maxRetryAfter: Duration = .seconds(300),
        random: @Sendable @escaping () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
        self.random = random
    }

    /// The default: 4 attempts, 0.5 s doubling to at most 30 s, ±20 % jitter.
    public static var standard: MoodleRetryPolicy { MoodleRetryPolicy() }

    /// No retries at all.
    public static var none: MoodleRetryPolicy { MoodleRetryPolicy(maxAttempts: 1) }

    /// The wait before the next try after `failedAttempts` tries failed with `error`, or `nil` to give up.
    public func delay(afterFailedAttempts failedAttempts: Int, error: MoodleError) -> Duration? {
        guard error.isTransient, failedAttempts < maxAttempts else { return nil }
        if let retryAfter = error.retryAfter {
            return retryAfter <= maxRetryAfter ? retryAfter : nil
        }
        let exponent = Double(max(0, failedAttempts - 1))
        let base = min(initialBackoff.seconds * pow(multiplier, exponent), maxBackoff.seconds)
        let spread = 1 - jitter + 2 * jitter * min(max(random(), 0), 1)
        return .milliseconds(Int((base * spread * 1000).rounded()))
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(exponent) { result *= base }
    return result
}
