/// How long the fake takes to answer, so that benchmarks against it mean something: a fixed time
/// per call plus a time per returned row, for every function or per function.
///
/// ``measured`` holds per-function costs fitted to the `latency_ms` medians recorded with the
/// captures of a real Moodle 5.1 (PHP-FPM and PostgreSQL on 2 cores).
public struct LatencyModel: Sendable, Equatable {
    /// What one call of a function costs.
    public struct Cost: Sendable, Equatable {
        public var base: Duration
        public var perRow: Duration

        public init(base: Duration, perRow: Duration = .zero) {
            self.base = base
            self.perRow = perRow
        }

        public static func ms(_ base: Double, perRow: Double = 0) -> Cost {
            Cost(base: .microseconds(Int64(base * 1000)), perRow: .microseconds(Int64(perRow * 1000)))
        }
    }

    /// Time for any call of a function not in `functions`.
    public var base: Duration
    /// Extra time per returned row (list element, user, course, report row).
    public var perRow: Duration
    /// Costs of particular functions, by name.
    public var functions: [String: Cost]

    /// Creates a latency model.
    public init(base: Duration, perRow: Duration, functions: [String: Cost] = [:]) {
        self.base = base
        self.perRow = perRow
        self.functions = functions
    }

    /// No delay (the default).
    public static let none = LatencyModel(base: .zero, perRow: .zero)

    /// Measured-like: 35 ms per call plus 3 ms per row, whatever the function.
    public static let moodleLike = LatencyModel(base: .milliseconds(35), perRow: .milliseconds(3))

    /// Fitted to the captures' medians (calls of one function at two sizes give base and per row):
    /// site info 34 ms; courses by field 42 ms for 1 and 116 ms for 23; a report page 97 ms for 50
    /// rows and 204 ms for 394; users by field 56 ms for 5 and 445 ms for 100; enrolled users
    /// (minimal fields) 118 ms for 25 and 294 ms for 167; completion status 37 ms; a learner's
    /// courses 51 ms for 3; cohorts 36–38 ms; filters reset 31 ms (timed on the same site).
    /// A batch (`tool_mobile_call_external_functions`) runs its calls in one request: one request's
    /// bootstrap (the 34 ms of site info is almost all bootstrap) and about 5 ms per call inside it —
    /// an estimate, since no batch was timed.
    public static let measured = LatencyModel(
        base: .milliseconds(35), perRow: .zero,
        functions: [
            "core_webservice_get_site_info": .ms(34),
            "core_course_get_courses_by_field": .ms(38.4, perRow: 3.35),
            "core_course_get_courses": .ms(38.4, perRow: 1.7),
            "core_reportbuilder_retrieve_report": .ms(81, perRow: 0.311),
            "core_reportbuilder_filters_reset": .ms(31),
            "core_reportbuilder_set_filters": .ms(31),
            "core_user_get_users_by_field": .ms(35.3, perRow: 4.1),
            "core_user_get_users": .ms(40, perRow: 4.1),
            "core_enrol_get_enrolled_users": .ms(87.5, perRow: 1.24),
            "core_enrol_get_users_courses": .ms(45, perRow: 2.1),
            "core_completion_get_course_completion_status": .ms(36.5),
            "core_cohort_get_cohorts": .ms(37.8),
            "core_cohort_get_cohort_members": .ms(35.9),
            "tool_mobile_call_external_functions": .ms(35, perRow: 5),
        ])

    /// The delay for a response of `function` with `rows` rows.
    public func delay(function: String, rows: Int) -> Duration {
        let cost = functions[function] ?? Cost(base: base, perRow: perRow)
        return cost.base + cost.perRow * rows
    }

    /// The delay for a response with `rows` rows, of any function.
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
