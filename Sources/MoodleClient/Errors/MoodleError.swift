/// The one error type thrown by this module.
///
/// `description` says what happened and what to do; it never contains the web-service token
/// (requests are described without their form body, and server text is scrubbed of the token).
public struct MoodleError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A stable classification, safe to switch on and to use as a metric label.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    /// The web-service function being called, e.g. `core_completion_get_course_completion_status`.
    public var wsFunction: String?
    /// Moodle's `errorcode`, verbatim (e.g. `usernotenroled`), when the server sent one.
    public var moodleErrorCode: String?
    /// Moodle's human-readable message (localized), scrubbed of the token.
    public var moodleMessage: String?
    /// The PHP exception class Moodle reported, e.g. `webservice_access_exception`.
    public var exceptionClass: String?
    /// Moodle's `debuginfo` (only sent when the site has debugging on), scrubbed of the token.
    public var debugInfo: String?
    /// The HTTP status, when the failure came from one.
    public var httpStatus: Int?
    /// How long the server asked us to wait (`Retry-After`), when it did.
    public var retryAfter: Duration?
    /// The underlying error (transport, parser, decoder), if any.
    public var cause: (any Error & Sendable)?

    public init(
        code: Code, message: String, wsFunction: String? = nil, moodleErrorCode: String? = nil,
        moodleMessage: String? = nil, exceptionClass: String? = nil, httpStatus: Int? = nil,
        retryAfter: Duration? = nil, cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.wsFunction = wsFunction
        self.moodleErrorCode = moodleErrorCode
        self.moodleMessage = moodleMessage
        self.exceptionClass = exceptionClass
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.cause = cause
    }

    /// Whether retrying the same request later may succeed (maintenance, rate limits, timeouts,
    /// 5xx, dropped connections, truncated bodies). Permanent errors should stop at once.
    public var isTransient: Bool {
        if code == .httpStatus, let httpStatus { return httpStatus >= 500 || httpStatus == 408 }
        return code.isTransient
    }

    public var description: String {
        var text = "MoodleError.\(code)"
        if let wsFunction { text += " [\(wsFunction)]" }
        if let moodleErrorCode { text += " (errorcode \(moodleErrorCode))" }
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        return text + ": " + message
    }

    public var debugDescription: String {
        var text = description
        if let exceptionClass { text += "\n  exception class: \(exceptionClass)" }
        if let moodleMessage { text += "\n  Moodle message: \(moodleMessage)" }
        if let debugInfo { text += "\n  debuginfo: \(debugInfo)" }
        if let retryAfter { text += "\n  retry after: \(retryAfter)" }
        if let cause { text += "\n  cause: \(String(describing: cause))" }
        return text
    }

    /// Matches errors by code in `catch` patterns: `catch let error as MoodleError where error ~= .notEnrolled`.
    public static func ~= (code: Code, error: MoodleError) -> Bool { error.code == code }
}
