/// `core_completion_get_course_completion_status` for one user in one course.
///
/// There is no course-level completion time; ``latestCriterionTimeCompleted`` approximates it
/// (it equalled `course_completions.timecompleted` in every case checked on Moodle 5.1).
public struct MoodleCourseCompletionStatus: Sendable, Equatable {
    public var completed: Bool
    /// 1 = all criteria required, 2 = any.
    public var aggregation: Int
    public var completions: [MoodleCompletionCriterion]
    public var warnings: [MoodleWarning]

    public init(completed: Bool, aggregation: Int, completions: [MoodleCompletionCriterion], warnings: [MoodleWarning])
    {
        self.completed = completed
        self.aggregation = aggregation
        self.completions = completions
        self.warnings = warnings
    }

    /// The latest criterion completion time, or `nil` when none has one.
    public var latestCriterionTimeCompleted: Int? { completions.compactMap(\.timeCompleted).max() }
}

extension MoodleCourseCompletionStatus: Decodable {
    private struct Body: Decodable {
        var completed: Bool
        var aggregation: Int
        var completions: [MoodleCompletionCriterion]
    }

    enum CodingKeys: String, CodingKey { case completionStatus = "completionstatus", warnings }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let body = try container.decode(Body.self, forKey: .completionStatus)
        self.init(
            completed: body.completed, aggregation: body.aggregation, completions: body.completions,
            warnings: try container.decode([MoodleWarning].self, forKey: .warnings))
    }
}

/// One completion criterion of a course for a user.
public struct MoodleCompletionCriterion: Sendable, Equatable, Decodable {
    /// 1 self, 2 date, 3 unenrol, 4 activity, 5 duration, 6 grade, 7 role, 8 course.
    public var type: Int
    public var title: String?
    /// Localized display status ("Yes", "No", a grade …).
    public var status: String?
    public var complete: Bool
    /// When this criterion was met; `nil` if not (or after a revocation).
    public var timeCompleted: Int?
    public var details: MoodleCompletionCriterionDetails?

    enum CodingKeys: String, CodingKey {
        case type, title, status, complete, timeCompleted = "timecompleted", details
    }
}

/// Display strings of a criterion (`criteria` is HTML).
public struct MoodleCompletionCriterionDetails: Sendable, Equatable, Decodable {
    public var type: String?
    public var criteria: String?
    public var requirement: String?
    public var status: String?
}
