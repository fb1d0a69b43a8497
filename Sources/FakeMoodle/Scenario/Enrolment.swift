/// A user enrolment (`user_enrolments` row) in one course by one enrolment method.
public struct Enrolment: Sendable, Codable, Equatable {
    /// Enrolment plugin.
    public enum Method: String, Sendable, Codable {
        /// "Manual enrolments".
        case manual
        /// "Self enrolment".
        case `self`
        /// "Cohort sync".
        case cohort
    }
    /// Enrolment status.
    public enum Status: String, Sendable, Codable {
        /// Status 0.
        case active
        /// Status 1.
        case suspended
    }
    /// The user.
    public var userID: Int
    /// The course.
    public var courseID: Int
    /// Enrolment method.
    public var method: Method
    /// Status flag of the enrolment.
    public var status: Status
    /// `timestart` (0 = none).
    public var timeStart: Int
    /// `timeend` (0 = none).
    public var timeEnd: Int
    /// Role shortnames assigned through this enrolment, comma-separated (e.g. `student`,
    /// `editingteacher`; `student,student` when the role was assigned twice).
    public var role: String
    /// `timecreated`, shown as "time started" when `timeStart` is 0; `nil` = the site's "now".
    public var timeCreated: Int?

    /// Creates an enrolment.
    public init(
        userID: Int, courseID: Int, method: Method = .manual, status: Status = .active, timeStart: Int = 0,
        timeEnd: Int = 0, role: String = "student", timeCreated: Int? = nil
    ) {
        self.userID = userID
        self.courseID = courseID
        self.method = method
        self.status = status
        self.timeStart = timeStart
        self.timeEnd = timeEnd
        self.role = role
        self.timeCreated = timeCreated
    }

    /// Active at `now`: status active, started, not ended.
    public func isActive(at now: Int) -> Bool {
        status == .active && (timeStart == 0 || timeStart <= now) && (timeEnd == 0 || timeEnd > now)
    }

    /// The role shortnames, one per assignment.
    var roles: [String] { role.split(separator: ",").map { String($0) } }

    /// Learner roles are tracked by completion; teachers are not.
    var isTracked: Bool { roles.contains("student") }
}
