/// A course of one user from `core_enrol_get_users_courses` (active enrolments only).
public struct MoodleUserCourse: Sendable, Equatable, Decodable {
    public var id: Int
    public var shortName: String
    public var fullName: String
    public var displayName: String?
    public var idNumber: String?
    public var visible: Bool?
    public var category: Int?
    public var format: String?
    public var enableCompletion: Bool?
    public var completionHasCriteria: Bool?
    public var completionUserTracked: Bool?
    /// Percent of activities with completion done; `nil` when not tracked or completion disabled.
    public var progress: Double?
    /// `nil` when completion is disabled; `false` for an untracked enrolled user.
    public var completed: Bool?
    public var startDate: Int?
    public var endDate: Int?
    public var lastAccess: Int?
    public var hidden: Bool?
    public var isFavourite: Bool?
    public var timeModified: Int?
    /// Only with `returnusercount`.
    public var enrolledUserCount: Int?

    enum CodingKeys: String, CodingKey {
        case id, shortName = "shortname", fullName = "fullname", displayName = "displayname"
        case idNumber = "idnumber", visible, category, format, enableCompletion = "enablecompletion"
        case completionHasCriteria = "completionhascriteria", completionUserTracked = "completionusertracked"
        case progress, completed, startDate = "startdate", endDate = "enddate", lastAccess = "lastaccess", hidden
        case isFavourite = "isfavourite", timeModified = "timemodified", enrolledUserCount = "enrolledusercount"
    }
}
