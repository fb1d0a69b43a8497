extension MoodleError {
    /// Classifies a Moodle exception object (JSON or XML, top level or inside a batch response).
    ///
    /// Matching is on `errorcode`, never on the class name (5.1 namespaces most classes).
    static func fromException(
        _ payload: MoodleExceptionPayload, wsFunction: String?, redactor: Redactor
    ) -> MoodleError {
        let moodleMessage = redactor.scrub(payload.message)
        let (code, advice) = classify(errorCode: payload.errorCode, exceptionClass: payload.exceptionClass)
        var error = MoodleError(
            code: code, message: advice, wsFunction: wsFunction, moodleErrorCode: payload.errorCode,
            moodleMessage: moodleMessage, exceptionClass: payload.exceptionClass)
        error.debugInfo = payload.debugInfo.map(redactor.scrub)
        return error
    }

    private static func classify(errorCode: String?, exceptionClass: String) -> (Code, String) {
        guard let errorCode else {
            return (
                .serverError,
                "Moodle hit an internal PHP error (\(exceptionClass)) without an error code; "
                    + "the arguments probably trigger a server bug (e.g. core_course_get_courses_by_field with "
                    + "field=ids and a non-existent id). Change the arguments or report it to the site administrator."
            )
        }
        switch errorCode {
        case "invalidtoken":
            return (
                .invalidToken,
                "The web-service token is unknown, deleted or expired. Issue a new token "
                    + "for the service account (Site administration > Server > Web services > Manage tokens)."
            )
        case "accessexception":
            return (
                .accessDenied,
                "Moodle refused web-service access. Check that the token has not expired, "
                    + "is not IP-restricted, that the function is in the token's external service, and that the "
                    + "account holds webservice/rest:use. Moodle does not say which; do not retry."
            )
        case "wsaccessusersuspended", "wsaccessusernologin", "wsaccessuserunconfirmed":
            return (
                .userSuspended,
                "The service account behind the token is suspended, unconfirmed or has "
                    + "auth 'nologin'. Reactivate the account."
            )
        case "userdeleted", "wsaccessuserdeleted":
            return (.userDeleted, "The user is deleted in Moodle.")
        case "invalidparameter":
            return (
                .invalidParameter,
                "Moodle rejected the arguments (wrong type, missing or unexpected "
                    + "parameter; booleans must be sent as 1/0). Enable debugging on the site to see debuginfo."
            )
        case "invalidrecordunknown", "invalidrecord":
            return (
                .recordNotFound,
                "The course, user, report or cohort id does not exist, or the function "
                    + "name is unknown to this Moodle version."
            )
        case "usernotenroled", "notenroled":
            return (
                .notEnrolled,
                "The user has no active enrolment in the course (expired, suspended, "
                    + "removed, or the account is suspended); completion status cannot be read this way."
            )
        case "nopermissions", "nopermission", "accessdenied", "requireloginerror", "errorcoursecontextnotvalid",
            "notingroup":
            return (
                .noPermission,
                "The service account lacks a capability or cannot access the context; "
                    + "grant the missing capability to its role."
            )
        case "cannotviewreport", "nocriteriaset", "completionnotenabled":
            return (
                .cannotViewReport,
                "Completion data is not available for this course (completion "
                    + "disabled, no criteria, or report/completion:view missing)."
            )
        case "codingerror":
            return (
                .codingError,
                "The function rejected an argument value (e.g. an unsupported field name "
                    + "or conflicting options). Fix the call."
            )
        case "sitemaintenance", "upgraderunning":
            return (.siteMaintenance, "The site is in maintenance or upgrading. Retry later.")
        case "forcepasswordchangenotice", "usernotfullysetup", "sitepolicynotagreed":
            return (
                .accessDenied,
                "The service account must change its password, complete its profile or "
                    + "accept the site policy before using web services. Log in once as that account."
            )
        default:
            return (.moodleException, "Moodle reported an error; see moodleErrorCode and moodleMessage.")
        }
    }
}
