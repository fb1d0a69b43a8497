/// Simulated server time per call: a floor plus a cost per returned row, like a real Moodle.
///
/// Moodle 5.1 on a small server took 30–40 ms for any call, then ≈2–4.5 ms per user row
/// (`core_enrol_get_enrolled_users`, `core_user_get_users_by_field`).
public struct LatencyModel: Sendable, Equatable {
    /// Time for any call.
    public var base: Duration
    /// Extra time per returned row (list element, user, course, report row).
    public var perRow: Duration

    /// Creates a latency model.
    public init(base: Duration, perRow: Duration) {
        self.base = base
        self.perRow = perRow
    }

    /// No delay (the default).
    public static let none = LatencyModel(base: .zero, perRow: .zero)

    /// Measured-like: 35 ms per call plus 3 ms per row.
    public static let moodleLike = LatencyModel(base: .milliseconds(35), perRow: .milliseconds(3))

    /// The delay for a response with `rows` rows.
    public func delay(rows: Int) -> Duration { base + perRow * rows }
}

extension WSValue {
    /// Rows a response returns: the length of a top-level list, or of the longest list one level
    /// (or, for report data, two levels) down.
    var rowCount: Int {
        switch self {
        case .list(let items): return items.count
        case .object(let dict):
            return dict.values.map { value -> Int in
                switch value {
                case .list(let items): items.count
                case .object(let inner):
                    inner.values.map { if case .list(let l) = $0 { l.count } else { 0 } }.max() ?? 0
                default: 0
                }
            }.max() ?? 0
        default: return 0
        }
    }
}
