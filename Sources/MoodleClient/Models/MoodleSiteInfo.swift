/// `core_webservice_get_site_info`: who the token belongs to, the Moodle version, and the
/// functions callable with this token.
public struct MoodleSiteInfo: Sendable, Equatable, Decodable {
    public var siteName: String
    public var siteURL: String
    public var username: String
    public var firstName: String
    public var lastName: String
    public var fullName: String
    public var lang: String?
    public var userID: Int
    public var userPictureURL: String?
    /// Functions in the token's service, with their component version.
    public var functions: [MoodleSiteFunction]
    /// e.g. `5.1+ (Build: 20251017)`.
    public var release: String?
    /// Build number as text, e.g. `2025100600.02`; compare with ``versionNumber``.
    public var version: String?
    public var siteID: Int?
    public var theme: String?
    public var userIsSiteAdmin: Bool?
    public var userCanManageOwnFiles: Bool?
    public var downloadFiles: Int?
    public var uploadFiles: Int?
    /// Includes `enablecompletion` and `enablecustomreports`.
    public var advancedFeatures: [MoodleAdvancedFeature]

    enum CodingKeys: String, CodingKey {
        case siteName = "sitename", siteURL = "siteurl", username, firstName = "firstname", lastName = "lastname"
        case fullName = "fullname", lang, userID = "userid", userPictureURL = "userpictureurl", functions, release
        case version, siteID = "siteid", theme, userIsSiteAdmin = "userissiteadmin"
        case userCanManageOwnFiles = "usercanmanageownfiles", downloadFiles = "downloadfiles"
        case uploadFiles = "uploadfiles", advancedFeatures = "advancedfeatures"
    }

    /// `version` as a number (`2025100600.02`), for minimum-version checks.
    public var versionNumber: Double? { version.flatMap { Double($0) } }

    /// Whether `function` is in the token's service.
    public func supports(_ function: String) -> Bool { functions.contains { $0.name == function } }

    /// The functions of `required` that the token's service lacks.
    public func missingFunctions(_ required: [String]) -> [String] { required.filter { !supports($0) } }

    /// The value of an advanced feature flag (`enablecompletion` …), if reported.
    public func advancedFeature(_ name: String) -> Int? { advancedFeatures.first { $0.name == name }?.value }
}

/// One entry of ``MoodleSiteInfo/functions``.
public struct MoodleSiteFunction: Sendable, Equatable, Decodable {
    public var name: String
    public var version: String?
}

/// One entry of ``MoodleSiteInfo/advancedFeatures``.
public struct MoodleAdvancedFeature: Sendable, Equatable, Decodable {
    public var name: String
    public var value: Int
}

/// A warning from a Moodle function's `warnings[]`.
public struct MoodleWarning: Sendable, Equatable, Decodable {
    public var item: String?
    public var itemID: Int?
    public var warningCode: String?
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case item, itemID = "itemid", warningCode = "warningcode", message
    }
}
