import Foundation

/// The in-memory state of a fake Moodle site: what the fake server answers from.
///
/// A scenario is a plain value. Build one in code, load one from JSON (``load(from:)``), generate
/// one at size (``generate(seed:users:courses:completionRate:)``) or rebuild the captured 5.1 site
/// from its answer key (``fromGroundTruth(at:)``):
///
/// ```swift
/// var scenario = Scenario.generate(seed: 42, users: 2_000, courses: 30, completionRate: 0.4)
/// scenario.completions.append(Completion(userID: 7, courseID: 3, timeCompleted: 1_750_000_000))
/// let server = FakeMoodleServer(scenario: scenario)
/// ```
public struct Scenario: Sendable, Codable, Equatable {
    /// Site-wide settings.
    public var site: Site
    /// External services and the functions each allows.
    public var services: [Service]
    /// Web-service tokens.
    public var tokens: [Token]
    /// Course categories.
    public var categories: [Category]
    /// Course custom-field definitions (e.g. `hours`, `program`), in display order.
    public var courseFields: [FieldDefinition]
    /// User profile-field definitions (e.g. `snils`), in display order.
    public var profileFields: [FieldDefinition]
    /// Courses, without the site course (id 1), which the server adds itself.
    public var courses: [Course]
    /// User accounts, the web-service account included.
    public var users: [User]
    /// Cohorts with their members.
    public var cohorts: [Cohort]
    /// User enrolments.
    public var enrolments: [Enrolment]
    /// Course completions (`course_completions` rows with `timecompleted` set).
    public var completions: [Completion]
    /// Report-builder custom reports.
    public var reports: [Report]
    /// Pairs whose every completion criterion is met (at `timeCompleted`) but whose course
    /// completion Moodle's completion task (cron) has not aggregated yet: no `timecompleted` on the
    /// course, so the course reads as not complete while each criterion reads complete.
    public var awaitingAggregation: [Completion] = []

    /// Creates a scenario; every collection defaults to empty.
    public init(
        site: Site = Site(), services: [Service] = [], tokens: [Token] = [], categories: [Category] = [],
        courseFields: [FieldDefinition] = FieldDefinition.defaultCourseFields,
        profileFields: [FieldDefinition] = FieldDefinition.defaultProfileFields,
        courses: [Course] = [], users: [User] = [], cohorts: [Cohort] = [], enrolments: [Enrolment] = [],
        completions: [Completion] = [], reports: [Report] = []
    ) {
        self.site = site
        self.services = services
        self.tokens = tokens
        self.categories = categories
        self.courseFields = courseFields
        self.profileFields = profileFields
        self.courses = courses
        self.users = users
        self.cohorts = cohorts
        self.enrolments = enrolments
        self.completions = completions
        self.reports = reports
    }
}

/// Site-wide settings reported by `core_webservice_get_site_info` and used for formatting.
public struct Site: Sendable, Codable, Equatable {
    /// Full site name.
    public var name: String
    /// The site's base URL as Moodle prints it in links (not the fake server's address).
    public var url: String
    /// `release`, e.g. "5.1+ (Build: 20251017)".
    public var release: String
    /// `version`, e.g. "2025100600.02".
    public var version: String
    /// Forced timezone used for report-builder dates, e.g. "Europe/Moscow".
    public var timezone: String
    /// Site language.
    public var lang: String
    /// `enablewebservices`; when false every server.php call answers HTTP 403 with an empty body.
    public var webServicesEnabled: Bool
    /// Name of the site course (id 1).
    public var frontPageName: String
    /// Short name of the site course (id 1).
    public var shortName: String
    /// Summary of the site course (id 1).
    public var summary: String
    /// Site administrators' user ids (`userissiteadmin`).
    public var adminUserIDs: [Int]
    /// The site's "now" (Unix seconds) for enrolment activity checks; `nil` = the real clock.
    public var currentTime: Int?

    /// Creates site settings; the defaults mirror the captured 5.1 site.
    public init(
        name: String = "Fake Moodle", url: String = "http://127.0.0.1:8081",
        release: String = "5.1+ (Build: 20251017)", version: String = "2025100600.02",
        timezone: String = "Europe/Moscow", lang: String = "en", webServicesEnabled: Bool = true,
        frontPageName: String? = nil, shortName: String = "fake", summary: String = "",
        adminUserIDs: [Int] = [2], currentTime: Int? = nil
    ) {
        self.name = name
        self.url = url
        self.release = release
        self.version = version
        self.timezone = timezone
        self.lang = lang
        self.webServicesEnabled = webServicesEnabled
        self.frontPageName = frontPageName ?? name
        self.shortName = shortName
        self.summary = summary
        self.adminUserIDs = adminUserIDs
        self.currentTime = currentTime
    }
}

extension Site {
    /// The time used for "is this enrolment active" checks.
    var now: Int { currentTime ?? Int(Date().timeIntervalSince1970) }
}

/// An external service: a named set of functions a token may call.
public struct Service: Sendable, Codable, Equatable {
    /// Shortname, e.g. `credit_bridge`.
    public var shortname: String
    /// Display name.
    public var name: String
    /// Function names this service allows.
    public var functions: [String]
    /// With `restrictedusers=1`, the users allowed to obtain a token; `nil` = anyone.
    public var authorisedUserIDs: [Int]?

    /// Creates a service.
    public init(shortname: String, name: String, functions: [String], authorisedUserIDs: [Int]? = nil) {
        self.shortname = shortname
        self.name = name
        self.functions = functions
        self.authorisedUserIDs = authorisedUserIDs
    }
}

/// A web-service token.
public struct Token: Sendable, Codable, Equatable {
    /// How the token behaves.
    public enum State: String, Sendable, Codable {
        /// Usable.
        case valid
        /// `validuntil` has passed: the first use answers `accessexception` and deletes it.
        case expired
        /// Restricted to another IP: always `accessexception`.
        case ipRestricted
    }
    /// The token string sent as `wstoken`.
    public var value: String
    /// The owner's user id.
    public var userID: Int
    /// The service shortname.
    public var service: String
    /// Validity.
    public var state: State

    /// Creates a token.
    public init(value: String, userID: Int, service: String, state: State = .valid) {
        self.value = value
        self.userID = userID
        self.service = service
        self.state = state
    }
}
