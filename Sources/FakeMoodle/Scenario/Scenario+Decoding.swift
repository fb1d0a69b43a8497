// Lenient decoding for hand-written scenario files: every key may be left out and takes the same
// default as the memberwise initialisers (only ids and names are required).

/// A coding key made from any string.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == AnyKey {
    func value<T: Decodable>(_ key: String, default fallback: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(T.self, forKey: AnyKey(key)) ?? fallback()
    }

    func value<T: Decodable>(_ key: String) throws -> T {
        try decode(T.self, forKey: AnyKey(key))
    }
}

extension Scenario {
    /// Decodes a scenario; missing collections are empty and missing field lists take the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            site: try c.value("site", default: Site()), services: try c.value("services", default: []),
            tokens: try c.value("tokens", default: []), categories: try c.value("categories", default: []),
            courseFields: try c.value("courseFields", default: FieldDefinition.defaultCourseFields),
            profileFields: try c.value("profileFields", default: FieldDefinition.defaultProfileFields),
            courses: try c.value("courses", default: []), users: try c.value("users", default: []),
            cohorts: try c.value("cohorts", default: []), enrolments: try c.value("enrolments", default: []),
            completions: try c.value("completions", default: []), reports: try c.value("reports", default: []))
        awaitingAggregation = try c.value("awaitingAggregation", default: [])
    }
}

extension Site {
    /// Decodes site settings; every key is optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let defaults = Site()
        let name: String = try c.value("name", default: defaults.name)
        self.init(
            name: name, url: try c.value("url", default: defaults.url),
            release: try c.value("release", default: defaults.release),
            version: try c.value("version", default: defaults.version),
            timezone: try c.value("timezone", default: defaults.timezone),
            lang: try c.value("lang", default: defaults.lang),
            webServicesEnabled: try c.value("webServicesEnabled", default: true),
            frontPageName: try c.value("frontPageName", default: name),
            shortName: try c.value("shortName", default: defaults.shortName),
            summary: try c.value("summary", default: ""), adminUserIDs: try c.value("adminUserIDs", default: [2]),
            currentTime: try c.value("currentTime", default: nil))
    }
}

extension Course {
    /// Decodes a course; `id`, `shortname`, `fullname` and `categoryID` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let shortname: String = try c.value("shortname")
        self.init(
            id: try c.value("id"), shortname: shortname, idnumber: try c.value("idnumber", default: shortname),
            fullname: try c.value("fullname"), categoryID: try c.value("categoryID"),
            visible: try c.value("visible", default: true),
            enableCompletion: try c.value("enableCompletion", default: true),
            startDate: try c.value("startDate", default: 1_735_689_600), endDate: try c.value("endDate", default: 0),
            summary: try c.value("summary", default: nil), customFields: try c.value("customFields", default: [:]),
            criteria: try c.value("criteria", default: [.activity(module: .page)]),
            timeCreated: try c.value("timeCreated", default: 1_735_689_600),
            enrolmentMethods: try c.value("enrolmentMethods", default: [.manual]))
    }
}

extension User {
    /// Decodes a user; `id`, `username`, `firstname` and `lastname` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            id: try c.value("id"), username: try c.value("username"), idnumber: try c.value("idnumber", default: ""),
            email: try c.value("email", default: nil), firstname: try c.value("firstname"),
            lastname: try c.value("lastname"),
            department: try c.value("department", default: ""), institution: try c.value("institution", default: ""),
            city: try c.value("city", default: ""), country: try c.value("country", default: "RU"),
            auth: try c.value("auth", default: "manual"), suspended: try c.value("suspended", default: false),
            deleted: try c.value("deleted", default: false), profile: try c.value("profile", default: [:]),
            password: try c.value("password", default: nil))
    }
}

extension Enrolment {
    /// Decodes an enrolment; `userID` and `courseID` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            userID: try c.value("userID"), courseID: try c.value("courseID"),
            method: try c.value("method", default: .manual),
            status: try c.value("status", default: .active), timeStart: try c.value("timeStart", default: 0),
            timeEnd: try c.value("timeEnd", default: 0), role: try c.value("role", default: "student"),
            timeCreated: try c.value("timeCreated", default: nil))
    }
}

extension Category {
    /// Decodes a category; `id` and `name` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            id: try c.value("id"), name: try c.value("name"), idnumber: try c.value("idnumber", default: nil),
            description: try c.value("description", default: ""), parent: try c.value("parent", default: 0),
            visible: try c.value("visible", default: true))
    }
}

extension Cohort {
    /// Decodes a cohort; `id`, `name` and `idnumber` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            id: try c.value("id"), name: try c.value("name"), idnumber: try c.value("idnumber"),
            description: try c.value("description", default: ""), visible: try c.value("visible", default: true),
            memberIDs: try c.value("memberIDs", default: []))
    }
}

extension Report {
    /// Decodes a report; `id` and `name` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            id: try c.value("id"), name: try c.value("name"),
            completedOnly: try c.value("completedOnly", default: true),
            timeCreated: try c.value("timeCreated", default: 1_735_689_600),
            audienceUserIDs: try c.value("audienceUserIDs", default: nil))
    }
}

extension Token {
    /// Decodes a token; `value`, `userID` and `service` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            value: try c.value("value"), userID: try c.value("userID"), service: try c.value("service"),
            state: try c.value("state", default: .valid))
    }
}
