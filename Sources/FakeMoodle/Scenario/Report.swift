/// A report-builder custom report over the "Course participants" source listing course completions.
///
/// Columns: by default those of the captured report (``ReportColumn/captured``): course short name,
/// course ID number, the `hours` field, username, user ID number, email, the `snils` profile field,
/// enrolment plugin, enrolment status, time started, completed, time completed — one row per
/// (enrolment, completion). A scenario may choose others from the user entity (full name with link,
/// first and last name, department).
public struct Report: Sendable, Codable, Equatable {
    /// Report id.
    public var id: Int
    /// Report name.
    public var name: String
    /// Condition "Completed = Yes" (otherwise every participant is listed).
    public var completedOnly: Bool
    /// `timecreated` / `timemodified`.
    public var timeCreated: Int
    /// User ids in the audience; `nil` = every service account.
    public var audienceUserIDs: [Int]?
    /// The report's columns in order; `nil` = ``ReportColumn/captured``.
    public var columns: [ReportColumn]?

    /// Creates a report.
    public init(
        id: Int, name: String, completedOnly: Bool = true, timeCreated: Int = 1_735_689_600,
        audienceUserIDs: [Int]? = nil, columns: [ReportColumn]? = nil
    ) {
        self.id = id
        self.name = name
        self.completedOnly = completedOnly
        self.timeCreated = timeCreated
        self.audienceUserIDs = audienceUserIDs
        self.columns = columns
    }
}

/// A report-builder column of the "Course participants" source, named as Moodle names it
/// (`entity:column`).
public enum ReportColumn: String, Sendable, Codable, CaseIterable {
    case courseShortname = "course:shortname"
    case courseIdnumber = "course:idnumber"
    case courseHours = "course:customfield_hours"
    case userFullnameWithLink = "user:fullnamewithlink"
    case userFirstname = "user:firstname"
    case userLastname = "user:lastname"
    case username = "user:username"
    case userIdnumber = "user:idnumber"
    case userEmail = "user:email"
    case userDepartment = "user:department"
    case userSnils = "user:profilefield_snils"
    case enrolPlugin = "enrol:plugin"
    case enrolStatus = "enrolment:status"
    case enrolTimeStarted = "enrolment:timestarted"
    case completed = "completion:completed"
    case timeCompleted = "completion:timecompleted"

    /// The columns of the report captured from a real Moodle 5.1.
    public static let captured: [ReportColumn] = [
        .courseShortname, .courseIdnumber, .courseHours, .username, .userIdnumber, .userEmail, .userSnils, .enrolPlugin,
        .enrolStatus, .enrolTimeStarted, .completed, .timeCompleted,
    ]

    /// The captured columns and the user entity's name, id and department columns: everything the
    /// bridge needs from the report alone.
    public static let complete: [ReportColumn] =
        [.courseShortname, .courseIdnumber, .courseHours, .userFullnameWithLink, .userFirstname, .userLastname]
        + [.username, .userIdnumber, .userEmail, .userDepartment, .userSnils, .enrolPlugin, .enrolStatus]
        + [.enrolTimeStarted, .completed, .timeCompleted]
}
