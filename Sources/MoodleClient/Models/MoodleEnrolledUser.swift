/// A participant from `core_enrol_get_enrolled_users`.
///
/// Moodle does not return enrolment status, method or dates, nor the account's `suspended` flag.
/// Empty values are absent in JSON and null in XML; both decode as `nil` / `[]`.
public struct MoodleEnrolledUser: Sendable, Equatable, Decodable {
    public var id: Int
    public var username: String?
    public var firstName: String?
    public var lastName: String?
    public var fullName: String?
    public var email: String?
    public var idNumber: String?
    public var department: String?
    public var institution: String?
    public var city: String?
    public var country: String?
    public var firstAccess: Int?
    public var lastAccess: Int?
    public var lastCourseAccess: Int?
    /// User profile fields.
    public var customFields: [MoodleUserCustomField]
    public var roles: [MoodleRole]
    public var groups: [MoodleGroup]
    public var enrolledCourses: [MoodleCourseReference]

    enum CodingKeys: String, CodingKey {
        case id, username, firstName = "firstname", lastName = "lastname", fullName = "fullname", email
        case idNumber = "idnumber", department, institution, city, country, firstAccess = "firstaccess"
        case lastAccess = "lastaccess", lastCourseAccess = "lastcourseaccess", customFields = "customfields"
        case roles, groups, enrolledCourses = "enrolledcourses"
    }
}

/// A user profile field value `{type, value, displayvalue, name, shortname}`.
public struct MoodleUserCustomField: Sendable, Equatable, Decodable {
    public var type: String?
    public var value: String?
    /// Present in `core_user_get_users_by_field` (4.x+), not in `core_enrol_get_enrolled_users`.
    public var displayValue: String?
    public var name: String?
    public var shortName: String

    enum CodingKeys: String, CodingKey {
        case type, value, displayValue = "displayvalue", name, shortName = "shortname"
    }
}

/// A role assignment; standard roles have an empty `name`, use `shortName`.
public struct MoodleRole: Sendable, Equatable, Decodable {
    public var roleID: Int
    public var name: String?
    public var shortName: String
    public var sortOrder: Int?

    enum CodingKeys: String, CodingKey {
        case roleID = "roleid", name, shortName = "shortname", sortOrder = "sortorder"
    }
}

/// A group membership.
public struct MoodleGroup: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String?
    public var description: String?
}

/// A short course reference `{id, fullname, shortname}`.
public struct MoodleCourseReference: Sendable, Equatable, Decodable {
    public var id: Int
    public var fullName: String?
    public var shortName: String?

    enum CodingKeys: String, CodingKey {
        case id, fullName = "fullname", shortName = "shortname"
    }
}
