import Foundation

@testable import MoodleClient

/// One way a Moodle request can fail, with the response the transport gives and the expected code.
struct ErrorCase: Sendable, CustomStringConvertible {
    var name: String
    var expected: MoodleError.Code
    var transient: Bool
    var respond: @Sendable () throws -> MoodleHTTPResponse

    var description: String { name }

    static func capture(_ name: String, format: String, expected: MoodleError.Code) throws -> ErrorCase {
        let capture = try Fixtures.capture(name)
        let response = try require2(format == "json" ? capture.json : capture.xml, "\(name).\(format)")
        return ErrorCase(name: "\(name).\(format)", expected: expected, transient: expected.isTransient) {
            response.http
        }
    }

    static func synthetic(
        _ name: String, _ expected: MoodleError.Code, transient: Bool, status: Int, headers: [String: String] = [:],
        body: String
    ) -> ErrorCase {
        ErrorCase(name: name, expected: expected, transient: transient) {
            MoodleHTTPResponse(status: status, headers: headers, body: Array(body.utf8))
        }
    }

    static func throwing(_ name: String, _ expected: MoodleError.Code, transient: Bool, error: any Error) -> ErrorCase {
        ErrorCase(name: name, expected: expected, transient: transient) { throw error }
    }

    /// The captured error responses (both formats where recorded) and their expected classification.
    static let capturedCodes: [(String, MoodleError.Code)] = [
        ("errors/cohort_members_nonexistent", .recordNotFound),
        ("errors/completion_status_completion_disabled", .cannotViewReport),
        ("errors/completion_status_deleted_user", .userDeleted),
        ("errors/completion_status_expired_enrolment", .notEnrolled),
        ("errors/completion_status_suspended_enrolment_admin_token", .notEnrolled),
        ("errors/completion_status_user_not_enrolled", .notEnrolled),
        ("errors/expired_token_first_use", .accessDenied),
        ("errors/expired_token_second_use", .invalidToken),
        ("errors/expired_token_xml_after_deletion", .invalidToken),
        ("errors/function_does_not_exist", .recordNotFound),
        ("errors/function_exists_not_in_service", .accessDenied),
        ("errors/function_not_in_service", .accessDenied),
        ("errors/grade_items_nonexistent_course", .recordNotFound),
        ("errors/invalid_field_name", .invalidParameter),
        ("errors/invalid_parameter_type", .invalidParameter),
        ("errors/invalid_token", .invalidToken),
        ("errors/ip_restricted_token", .accessDenied),
        ("errors/missing_required_parameter", .invalidParameter),
        ("errors/nonexistent_course_completion_status", .recordNotFound),
        ("errors/nonexistent_course_enrolled_users", .recordNotFound),
        ("errors/nonexistent_user_completion_status", .recordNotFound),
        ("errors/nopermission_enrolled_users_withcap", .noPermission),
        ("errors/report_nonexistent", .recordNotFound),
        ("errors/rest_protocol_disabled", .webServicesDisabled),
        ("errors/token_of_suspended_user", .userSuspended),
        ("errors/unexpected_parameter", .invalidParameter),
        ("errors/users_by_field_invalid_field", .codingError),
        ("errors/users_invalid_criteria_key", .invalidParameter),
        ("errors/webservices_disabled", .webServicesDisabled),
        ("core_enrol_get_enrolled_users/course2_withcapability_student_view", .noPermission),
    ]

    static func all() throws -> [ErrorCase] {
        var cases: [ErrorCase] = []
        for (name, code) in capturedCodes {
            let capture = try Fixtures.capture(name)
            if capture.json != nil { cases.append(try .capture(name, format: "json", expected: code)) }
            if capture.xml != nil { cases.append(try .capture(name, format: "xml", expected: code)) }
        }
        let token = TestSites.token
        cases += [
            .synthetic(
                "CLI maintenance page, 503 + Retry-After", .siteMaintenance, transient: true, status: 503,
                headers: ["Retry-After": "300", "Content-Type": "text/html"],
                body:
                    "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Moodle under maintenance</body></html>"
            ),
            .synthetic(
                "maintenance page with HTTP 200 (older Moodle)", .siteMaintenance, transient: true, status: 200,
                body: "<html><body><h1>Site maintenance</h1></body></html>"),
            .synthetic(
                "proxy error page echoing the request", .httpStatus, transient: true, status: 502,
                headers: ["Content-Type": "text/html"],
                body: "<html><body>Bad Gateway for POST wstoken=\(token)&wsfunction=x</body></html>"),
            .synthetic(
                "login page instead of JSON", .unexpectedHTML, transient: true, status: 200,
                headers: ["Content-Type": "text/html"], body: "<!doctype html><html><body>Log in</body></html>"),
            .synthetic(
                "HTTP 429 with Retry-After", .rateLimited, transient: true, status: 429, headers: ["Retry-After": "7"],
                body: ""),
            .synthetic("HTTP 500 empty", .httpStatus, transient: true, status: 500, body: ""),
            .synthetic("HTTP 404 text", .httpStatus, transient: false, status: 404, body: "Not found \(token)"),
            .synthetic(
                "empty 200 body (older Moodle, WS disabled)", .webServicesDisabled, transient: false, status: 200,
                body: ""),
            .synthetic(
                "truncated JSON", .malformedResponse, transient: true, status: 200,
                body: #"[{"id":2,"shortname":"MOD-ICT-01","fullname":"Циф"#),
            .synthetic(
                "truncated XML", .malformedResponse, transient: true, status: 200,
                body:
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n<MULTIPLE>\n<SINGLE>\n<KEY name=\"id\"><VALUE>2"
            ),
            .synthetic(
                "PHP Error without errorcode", .serverError, transient: false, status: 200,
                body: #"{"exception":"Error","message":"Attempt to assign property \"contextvalidated\" on null"}"#),
            .synthetic(
                "PHP Error without errorcode (XML)", .serverError, transient: false, status: 200,
                body:
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<EXCEPTION class=\"Error\">\n<MESSAGE>Attempt</MESSAGE>\n</EXCEPTION>"
            ),
            .synthetic(
                "sitemaintenance exception", .siteMaintenance, transient: true, status: 200,
                body:
                    #"{"exception":"moodle_exception","errorcode":"sitemaintenance","message":"The site is undergoing maintenance"}"#
            ),
            .synthetic(
                "exception message echoing the token", .moodleException, transient: false, status: 200,
                body: #"{"exception":"moodle_exception","errorcode":"weird","message":"bad token \#(token)"}"#),
            .throwing(
                "timeout", .timeout, transient: true,
                error: MoodleError(code: .timeout, message: "timed out", cause: URLError(.timedOut))),
            .throwing(
                "foreign transport error mentioning the token", .transport, transient: true,
                error: FixtureError(text: "socket closed while sending wstoken=\(token)")),
        ]
        return cases
    }
}

/// `#require` outside a test function.
func require2<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw FixtureError(text: "missing \(what)") }
    return value
}
