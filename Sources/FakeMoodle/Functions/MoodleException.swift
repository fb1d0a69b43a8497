/// A Moodle exception as the REST server renders it: class, error code and message.
///
/// Handlers throw these; the server turns them into HTTP 200 error bodies in JSON or XML.
public struct MoodleException: Error, Sendable, Equatable {
    /// PHP exception class, e.g. `core\exception\moodle_exception`.
    public var className: String
    /// `errorcode`; `nil` for a PHP `Error`, which has none.
    public var errorCode: String?
    /// Localised message.
    public var message: String

    /// Creates an exception.
    public init(className: String, errorCode: String?, message: String) {
        self.className = className
        self.errorCode = errorCode
        self.message = message
    }

    static func moodle(_ code: String, _ message: String) -> MoodleException {
        MoodleException(className: "core\\exception\\moodle_exception", errorCode: code, message: message)
    }

    /// `invalidtoken`.
    public static let invalidToken = moodle("invalidtoken", "Invalid token - token not found")
    /// `accessexception` (expired token, IP restriction, function not in the service).
    public static let accessException = MoodleException(
        className: "webservice_access_exception", errorCode: "accessexception", message: "Access control exception")
    /// `invalidrecordunknown` (unknown function, non-existent id).
    public static let invalidRecord = MoodleException(
        className: "dml_missing_record_exception", errorCode: "invalidrecordunknown",
        message: "Can't find data record in database.")
    /// `invalidparameter`.
    public static let invalidParameter = MoodleException(
        className: "core\\exception\\invalid_parameter_exception", errorCode: "invalidparameter",
        message: "Invalid parameter value detected")
    /// `usernotenroled`.
    public static let userNotEnrolled = moodle("usernotenroled", "User is not enrolled in this course")
    /// `userdeleted`.
    public static let userDeleted = moodle("userdeleted", "error/userdeleted")
    /// `cannotviewreport` (completion disabled).
    public static let cannotViewReport = moodle("cannotviewreport", "You cannot view this report")
    /// `nocriteriaset`.
    public static let noCriteriaSet = moodle("nocriteriaset", "No criteria set for this course")

    /// `wsaccessusersuspended`, naming the user as Moodle 5.1 does.
    public static func userSuspended(_ username: String) -> MoodleException {
        moodle("wsaccessusersuspended", "Refused web service access for suspended username: \(username)")
    }

    /// `codingerror` with Moodle's prefix.
    public static func codingError(_ detail: String) -> MoodleException {
        MoodleException(
            className: "core\\exception\\coding_exception", errorCode: "codingerror",
            message: "Coding error detected, it must be fixed by a programmer: \(detail)")
    }

    /// `nopermissions` for a missing capability.
    public static func noPermissions(_ what: String) -> MoodleException {
        MoodleException(
            className: "core\\exception\\required_capability_exception", errorCode: "nopermissions",
            message: "Sorry, but you do not currently have permissions to do that (\(what)).")
    }

    /// `keyalreadyset` (a `core_user_get_users` criterion key given twice).
    public static let keyAlreadySet = moodle("keyalreadyset", "Key already set")
}
