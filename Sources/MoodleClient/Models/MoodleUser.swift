/// A user from `core_user_get_users_by_field` or `core_user_get_users`.
public struct MoodleUser: Sendable, Equatable, Decodable {
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
    public var auth: String?
    public var suspended: Bool?
    public var confirmed: Bool?
    public var lang: String?
    public var timezone: String?
    public var firstAccess: Int?
    public var lastAccess: Int?
    /// User profile fields (e.g. `snils`), with `displayValue`.
    public var customFields: [MoodleUserCustomField]
    public var preferences: [MoodleUserPreference]

    enum CodingKeys: String, CodingKey {
        case id, username, firstName = "firstname", lastName = "lastname", fullName = "fullname", email
        case idNumber = "idnumber", department, institution, city, country, auth, suspended, confirmed, lang
        case timezone, firstAccess = "firstaccess", lastAccess = "lastaccess", customFields = "customfields"
        case preferences
    }

    /// The value of the profile field with `shortname`.
    public func customField(_ shortName: String) -> MoodleUserCustomField? {
        customFields.first { $0.shortName == shortName }
    }
}

/// A user preference `{name, value}`.
public struct MoodleUserPreference: Sendable, Equatable, Decodable {
    public var name: String
    public var value: String?
}

/// The result of `core_user_get_users`.
public struct MoodleUserSearchResult: Sendable, Equatable, Decodable {
    public var users: [MoodleUser]
    public var warnings: [MoodleWarning]
}

/// The `field` argument of `core_user_get_users_by_field`.
public enum MoodleUserField: String, Sendable, CaseIterable {
    case id, idnumber, username, email
}
