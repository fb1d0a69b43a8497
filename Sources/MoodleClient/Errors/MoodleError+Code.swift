extension MoodleError {
    /// A stable error classification. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case invalidToken, accessDenied, userSuspended, invalidParameter, functionNotAvailable
            case recordNotFound, notEnrolled, userDeleted, noPermission, cannotViewReport
            case codingError, serverError, moodleException, siteMaintenance, webServicesDisabled
            case httpStatus, rateLimited, timeout, transport, cancelled, malformedResponse
            case unexpectedHTML, decoding, batchIncomplete, responseTooLarge
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        public var description: String { kind.rawValue }

        /// `invalidtoken`: the token is unknown, deleted, or expired (Moodle deletes an expired
        /// token on first use). Re-issue the token and alert the operator.
        public static let invalidToken = Code(.invalidToken)
        /// `accessexception`: generic refusal (expired or IP-restricted token, function missing from
        /// the service, missing `webservice/rest:use`, deleted/nologin account). Configuration problem.
        public static let accessDenied = Code(.accessDenied)
        /// `wsaccessusersuspended` / `wsaccessusernologin` / `wsaccessuserunconfirmed`: the token's
        /// own account may not use web services.
        public static let userSuspended = Code(.userSuspended)
        /// `invalidparameter`: Moodle rejected the arguments (type, missing, unexpected key).
        public static let invalidParameter = Code(.invalidParameter)
        /// The function is not in `core_webservice_get_site_info.functions` (checked locally).
        public static let functionNotAvailable = Code(.functionNotAvailable)
        /// `invalidrecordunknown`: a course/user/report/cohort id, or the function name, does not exist.
        public static let recordNotFound = Code(.recordNotFound)
        /// `usernotenroled` / `notenroled`: no *active* enrolment (expired, suspended, removed, or
        /// the account is suspended).
        public static let notEnrolled = Code(.notEnrolled)
        /// `userdeleted` / `wsaccessuserdeleted`.
        public static let userDeleted = Code(.userDeleted)
        /// `nopermissions` / `nopermission` / `accessdenied` / `requireloginerror` /
        /// `errorcoursecontextnotvalid`: a capability or context check failed inside the function.
        public static let noPermission = Code(.noPermission)
        /// `cannotviewreport` (e.g. completion disabled in the course) or `nocriteriaset` /
        /// `completionnotenabled`.
        public static let cannotViewReport = Code(.cannotViewReport)
        /// `codingerror`: the function rejected a value itself (e.g. unsupported `field`).
        public static let codingError = Code(.codingError)
        /// A PHP `Error` escaped (exception object without `errorcode`): a server-side bug.
        public static let serverError = Code(.serverError)
        /// Any other Moodle exception; see `moodleErrorCode`.
        public static let moodleException = Code(.moodleException)
        /// `sitemaintenance` / `upgraderunning`, or the maintenance HTML page (HTTP 503).
        public static let siteMaintenance = Code(.siteMaintenance)
        /// Empty body (HTTP 403 on 5.1, 200 on older versions): web services or REST disabled.
        public static let webServicesDisabled = Code(.webServicesDisabled)
        /// An unexpected HTTP status.
        public static let httpStatus = Code(.httpStatus)
        /// HTTP 429 from a proxy; honour `retryAfter`.
        public static let rateLimited = Code(.rateLimited)
        /// The request timed out.
        public static let timeout = Code(.timeout)
        /// Connection-level failure (DNS, refused, reset, TLS).
        public static let transport = Code(.transport)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// The body is not valid JSON/XML (often truncated).
        public static let malformedResponse = Code(.malformedResponse)
        /// An HTML page arrived instead of JSON/XML (proxy error page, login page, maintenance).
        public static let unexpectedHTML = Code(.unexpectedHTML)
        /// The body parsed but did not have the shape of the expected model.
        public static let decoding = Code(.decoding)
        /// A batch sub-request was not executed because an earlier one failed.
        public static let batchIncomplete = Code(.batchIncomplete)
        /// The answer grew past the site's response limit; reading stopped there. Not retried.
        public static let responseTooLarge = Code(.responseTooLarge)

        /// Whether a retry of the same request may succeed.
        public var isTransient: Bool {
            switch kind {
            case .siteMaintenance, .rateLimited, .timeout, .transport, .malformedResponse, .unexpectedHTML:
                return true
            default:
                return false
            }
        }
    }
}
