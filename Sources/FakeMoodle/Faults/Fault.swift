/// A failure the fake server can inject instead of (or before) a normal answer.
public enum Fault: Sendable, Equatable {
    /// An HTTP error status (e.g. 502, 503) with a small HTML body, as a proxy would send.
    case httpStatus(Int)
    /// HTTP 429 from a rate-limiting proxy, with `Retry-After` in seconds.
    case tooManyRequests(retryAfter: Int)
    /// Moodle's CLI-maintenance page: HTTP 503, HTML, `Retry-After: 300`.
    case maintenancePage
    /// The same maintenance page with another `Retry-After` (seconds), for tests that cannot wait.
    case maintenance(retryAfter: Int)
    /// Wait this long, then answer normally (use a value above the client's timeout).
    case hang(seconds: Double)
    /// The normal body cut in half.
    case truncatedBody
    /// The normal body preceded by a PHP warning in HTML, so it no longer parses.
    case malformedBody
    /// HTTP 403 with an empty body, as when web services are disabled.
    case webServicesDisabled
    /// A Moodle error answered as usual (HTTP 200), e.g. ``MoodleException/siteMaintenance``.
    case exception(MoodleException)
}

extension MoodleException {
    /// `sitemaintenance`: the site is in (admin-setting) maintenance mode.
    public static let siteMaintenance = moodle(
        "sitemaintenance", "The site is undergoing maintenance and is currently not available")
}

/// A fault with its target: a function (or any) and how many more requests it applies to.
public struct FaultRule: Sendable, Equatable {
    /// The fault.
    public var fault: Fault
    /// `wsfunction` it targets; `nil` = every request (server.php and login/token.php).
    public var function: String?
    /// Remaining requests it applies to; `nil` = until cleared.
    public var remaining: Int?
    /// Requests it targets that still pass untouched before it applies (a site that fails part-way).
    public var passing: Int

    /// Creates a rule that applies after `after` of the requests it targets have passed.
    public init(_ fault: Fault, function: String? = nil, count: Int? = 1, after: Int = 0) {
        self.fault = fault
        self.function = function
        self.remaining = count
        self.passing = after
    }
}
