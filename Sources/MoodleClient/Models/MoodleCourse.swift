/// A course from `core_course_get_courses` or `core_course_get_courses_by_field`.
///
/// Fields beyond the public ones appear only when the caller may see them (e.g. `idnumber`,
/// `visible`, `timemodified` need `moodle/course:update`).
public struct MoodleCourse: Sendable, Equatable, Decodable {
    public var id: Int
    public var shortName: String
    public var fullName: String
    public var displayName: String?
    public var categoryID: Int?
    public var categoryName: String?
    public var idNumber: String?
    public var summary: String?
    public var summaryFormat: Int?
    public var format: String?
    public var startDate: Int?
    /// Unix seconds; 0 means no end date.
    public var endDate: Int?
    public var visible: Bool?
    /// Course-level completion tracking (sent as 0/1 here, as a boolean elsewhere).
    public var enableCompletion: Bool?
    public var lang: String?
    public var sortOrder: Int?
    public var timeCreated: Int?
    public var timeModified: Int?
    public var customFields: [MoodleCourseCustomField]

    enum CodingKeys: String, CodingKey {
        case id, shortName = "shortname", fullName = "fullname", displayName = "displayname"
        case categoryID = "categoryid", categoryName = "categoryname", idNumber = "idnumber", summary
        case summaryFormat = "summaryformat", format, startDate = "startdate", endDate = "enddate", visible
        case enableCompletion = "enablecompletion", lang, sortOrder = "sortorder", timeCreated = "timecreated"
        case timeModified = "timemodified", customFields = "customfields"
    }

    /// The custom field with `shortname`, if the course lists it.
    public func customField(_ shortName: String) -> MoodleCourseCustomField? {
        customFields.first { $0.shortName == shortName }
    }
}

/// A course custom field value `{name, shortname, type, valueraw, value}`.
public struct MoodleCourseCustomField: Sendable, Equatable, Decodable {
    public var name: String?
    public var shortName: String
    /// Field plugin: `text`, `textarea`, `select`, `checkbox`, `date`, `number`.
    public var type: String?
    /// The stored value as text (a number field's JSON number becomes its literal, e.g. `"36"`);
    /// `nil` when unset.
    public var valueRaw: String?
    /// The display value (may contain HTML); `nil` when unset.
    public var value: String?

    enum CodingKeys: String, CodingKey {
        case name, shortName = "shortname", type, valueRaw = "valueraw", value
    }
}

/// The result of `core_course_get_courses_by_field`.
public struct MoodleCourseSearchResult: Sendable, Equatable, Decodable {
    public var courses: [MoodleCourse]
    public var warnings: [MoodleWarning]
}

/// The `field` argument of `core_course_get_courses_by_field`.
public enum MoodleCourseField: String, Sendable, CaseIterable {
    /// All courses (`field=""`), including the site course id 1.
    case all = ""
    case id, ids, shortname, idnumber, category, sectionid
}
