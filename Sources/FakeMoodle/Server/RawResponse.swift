import Foundation

/// An HTTP answer before it is handed to the HTTP server.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data

    /// Headers Moodle sends with every web-service answer.
    static let noCacheHeaders: [(String, String)] = [
        ("Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0"),
        ("Expires", "Thu, 01 Jan 1970 00:00:00 GMT"),
        ("Pragma", "no-cache"),
        ("Accept-Ranges", "none"),
        ("Access-Control-Allow-Origin", "*"),
    ]

    static func json(_ text: String, contentType: String = "application/json") -> RawResponse {
        RawResponse(status: 200, headers: [("Content-Type", contentType)] + noCacheHeaders, body: Data(text.utf8))
    }

    static func xml(_ text: String) -> RawResponse {
        RawResponse(
            status: 200,
            headers: [
                ("Content-Type", "application/xml; charset=utf-8"),
                ("Content-Disposition", "inline; filename=\"response.xml\""),
            ] + noCacheHeaders,
            body: Data(text.utf8))
    }

    static func html(status: Int, _ text: String, extraHeaders: [(String, String)] = []) -> RawResponse {
        RawResponse(
            status: status, headers: [("Content-Type", "text/html; charset=utf-8")] + extraHeaders,
            body: Data(text.utf8))
    }

    /// Web services or the REST protocol disabled (Moodle 5.1).
    static let forbiddenEmpty = html(status: 403, "")
}
