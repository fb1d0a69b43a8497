import Foundation

/// Everything a ``MoodleSite`` needs to talk to one Moodle.
public struct MoodleSiteConfiguration: Sendable {
    /// The site root (`wwwroot`), e.g. `https://moodle.example.org` or `https://example.org/moodle`.
    public var baseURL: URL
    public var token: MoodleToken
    public var format: MoodleResponseFormat
    /// Per-request timeout.
    public var timeout: Duration
    /// Upper bound on requests in flight to this site at once.
    public var maxConcurrentRequests: Int
    /// Optional cap on request starts per minute (`nil` = unlimited).
    public var requestsPerMinute: Int?
    public var retry: MoodleRetryPolicy
    /// `moodlewssettinglang`, e.g. `en`, so report-builder strings are predictable.
    public var language: String?
    /// `moodlewssettingtimezone`, e.g. `UTC` (ignored by sites that force a timezone).
    public var timezone: String?
    /// The largest answer read from the site; a larger one fails with ``MoodleError/Code/responseTooLarge``
    /// instead of filling the memory.
    public var maxResponseBytes: Int

    /// 64 MiB: a report page of 500 rows is under 1 MiB.
    public static let defaultMaxResponseBytes = 64 << 20

    public init(
        baseURL: URL, token: MoodleToken, format: MoodleResponseFormat = .json, timeout: Duration = .seconds(60),
        maxConcurrentRequests: Int = 4, requestsPerMinute: Int? = nil, retry: MoodleRetryPolicy = .standard,
        language: String? = nil, timezone: String? = nil, maxResponseBytes: Int = defaultMaxResponseBytes
    ) {
        self.baseURL = baseURL
        self.token = token
        self.format = format
        self.timeout = timeout
        self.maxConcurrentRequests = maxConcurrentRequests
        self.requestsPerMinute = requestsPerMinute
        self.retry = retry
        self.language = language
        self.timezone = timezone
        self.maxResponseBytes = maxResponseBytes
    }

    /// `<baseURL>/webservice/rest/server.php`.
    public var endpoint: URL {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + "/webservice/rest/server.php") ?? baseURL
    }
}
