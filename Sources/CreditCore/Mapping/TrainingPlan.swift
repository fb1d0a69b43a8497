/// How many learners an institute plans to train, by month, form and category.
public struct TrainingPlan: Hashable, Sendable {
    /// One cell of the plan.
    public struct Line: Hashable, Sendable {
        public var month: YearMonth
        public var form: StudyForm
        public var category: LearnerCategory
        public var learners: Int
        public var location: SourceLocation?

        public init(
            month: YearMonth, form: StudyForm, category: LearnerCategory, learners: Int,
            location: SourceLocation? = nil
        ) {
            self.month = month
            self.form = form
            self.category = category
            self.learners = learners
            self.location = location
        }
    }

    public var lines: [Line]

    public init(lines: [Line] = []) { self.lines = lines }

    /// Planned learners for a month, form and category (0 when the plan is silent).
    public func planned(_ month: YearMonth, _ form: StudyForm, _ category: LearnerCategory) -> Int {
        lines.filter { $0.month == month && $0.form == form && $0.category == category }
            .reduce(0) { $0 + $1.learners }
    }

    public var total: Int { lines.reduce(0) { $0 + $1.learners } }
}

/// A calendar month, e.g. 2026-09.
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `yyyy-MM`; `nil` when the text is not such a month.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public var description: String { month < 10 ? "\(year)-0\(month)" : "\(year)-\(month)" }
}
