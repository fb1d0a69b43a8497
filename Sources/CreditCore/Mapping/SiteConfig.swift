import Foundation

/// How the bridge reaches one Moodle site and reads its data.
public struct SiteConfig: Hashable, Sendable {
    /// Where the web-service token is read from. The token itself never sits in a mapping file.
    public enum TokenSource: Hashable, Sendable, CustomStringConvertible {
        /// An environment variable holding the token.
        case environment(String)
        /// A file holding the token (its first line).
        case file(String)

        public var description: String {
            switch self {
            case .environment(let name): "environment variable \(name)"
            case .file(let path): "file \(path)"
            }
        }
    }

    /// The response format the bridge asks Moodle for.
    public enum ResponseFormat: String, Hashable, Sendable, CaseIterable {
        case json
        case xml
    }

    /// A user attribute that identifies a person across sites, tried in the configured order.
    public enum IdentityKey: Hashable, Sendable, CustomStringConvertible {
        /// A custom profile field, e.g. `snils`; a SNILS field is matched by its digits.
        case profileField(String)
        case idnumber
        case email
        case username

        public var description: String {
            switch self {
            case .profileField(let name): "profile.\(name)"
            case .idnumber: "idnumber"
            case .email: "email"
            case .username: "username"
            }
        }
    }

    /// What to do when Moodle says a credited completion is no longer complete.
    public enum RevocationPolicy: String, Hashable, Sendable, CaseIterable {
        /// Flag it for review; the credit stays.
        case flag
        /// Write a reversal entry.
        case reverse
    }

    public var id: SiteID
    public var name: String
    public var baseURL: URL
    public var token: TokenSource
    public var format: ResponseFormat
    /// The site's time zone, used to read dates that Moodle formats as text (report cells).
    public var timeZone: String
    /// The course custom field (shortname) that carries a course's hours, if any.
    public var hoursField: String?
    /// The course custom field (shortname) that names a course's program, if any.
    public var programField: String?
    public var identity: [IdentityKey]
    /// The report-builder custom report to read completions from (Moodle 4.1+), by id.
    public var completionReportID: Int?
    public var revocations: RevocationPolicy
    public var maxConcurrentRequests: Int
    /// An optional ceiling on requests per minute.
    public var requestsPerMinute: Int?
    /// Run a full re-verifying sync when the last full one is this many days old.
    public var fullSyncEveryDays: Int
    /// Whether a plain `http://` address of a host other than this machine is allowed (the token
    /// would cross the network in clear text).
    public var allowsInsecureHTTP: Bool
    /// Whether a token file that others than its owner may read is accepted.
    public var allowsSharedTokenFile: Bool
    /// The largest answer read from the site, in MiB (`nil`: the client's default).
    public var maxResponseMegabytes: Int?
    /// The share of the site's standing credits (in percent) that one run may reverse by the
    /// revocation policy; above it, and above ``revocationGuardMinimum``, it reverses none.
    public var revocationGuardPercent: Double
    /// The count of reversals one run may always write, whatever the share.
    public var revocationGuardMinimum: Int
    public var location: SourceLocation?

    public init(
        id: SiteID, name: String, baseURL: URL, token: TokenSource, format: ResponseFormat = .json,
        timeZone: String = "Europe/Moscow", hoursField: String? = nil, programField: String? = nil,
        identity: [IdentityKey] = [.idnumber, .email], completionReportID: Int? = nil,
        revocations: RevocationPolicy = .flag, maxConcurrentRequests: Int = 4,
        requestsPerMinute: Int? = nil, fullSyncEveryDays: Int = 7, allowsInsecureHTTP: Bool = false,
        allowsSharedTokenFile: Bool = false, maxResponseMegabytes: Int? = nil, revocationGuardPercent: Double = 2,
        revocationGuardMinimum: Int = 5, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.baseURL = baseURL
        self.token = token
        self.format = format
        self.timeZone = timeZone
        self.hoursField = hoursField
        self.programField = programField
        self.identity = identity
        self.completionReportID = completionReportID
        self.revocations = revocations
        self.maxConcurrentRequests = maxConcurrentRequests
        self.requestsPerMinute = requestsPerMinute
        self.fullSyncEveryDays = fullSyncEveryDays
        self.allowsInsecureHTTP = allowsInsecureHTTP
        self.allowsSharedTokenFile = allowsSharedTokenFile
        self.maxResponseMegabytes = maxResponseMegabytes
        self.revocationGuardPercent = revocationGuardPercent
        self.revocationGuardMinimum = revocationGuardMinimum
        self.location = location
    }
}
