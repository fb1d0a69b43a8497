/// Turns an HTTP response into a ``MoodleValue`` or a classified ``MoodleError``
/// (moodle-ws.md §1.3–1.4): exception objects in a 200 body, empty bodies, HTML pages, HTTP
/// statuses, 429 with `Retry-After`, malformed JSON or XML.
struct ResponseInterpreter: Sendable {
    let redactor: Redactor

    func interpret(_ response: MoodleHTTPResponse, wsFunction: String) throws(MoodleError) -> MoodleValue {
        let retryAfter = Self.retryAfter(response.headers["retry-after"])
        let body = response.body
        let start = body.firstIndex { !Self.isWhitespace($0) }
        if response.status == 429 {
            throw MoodleError(
                code: .rateLimited,
                message: "A proxy in front of Moodle is rate-limiting (HTTP 429). Slow down; "
                    + "the client waits for Retry-After before retrying.",
                wsFunction: wsFunction, httpStatus: 429, retryAfter: retryAfter ?? .seconds(5))
        }
        guard let start else {
            if response.status == 403 || (200..<300).contains(response.status) {
                throw MoodleError(
                    code: .webServicesDisabled,
                    message: "Moodle answered with an empty body (HTTP \(response.status)): "
                        + "web services or the REST protocol are disabled. Enable 'Enable web services' and the "
                        + "REST protocol in Site administration.",
                    wsFunction: wsFunction, httpStatus: response.status)
            }
            throw statusError(response, wsFunction: wsFunction, retryAfter: retryAfter, detail: "empty body")
        }
        if Self.looksLikeHTML(body[start...]) {
            throw htmlError(response, wsFunction: wsFunction, retryAfter: retryAfter)
        }
        let value: MoodleValue
        do {
            value = try parse(start == body.startIndex ? body : Array(body[start...]))
        } catch {
            if !(200..<300).contains(response.status) {
                throw statusError(response, wsFunction: wsFunction, retryAfter: retryAfter, detail: "unparseable body")
            }
            throw error
        }
        if let payload = value.exceptionPayload {
            var error = MoodleError.fromException(payload, wsFunction: wsFunction, redactor: redactor)
            if !(200..<300).contains(response.status) { error.httpStatus = response.status }
            throw error
        }
        guard (200..<300).contains(response.status) else {
            throw statusError(response, wsFunction: wsFunction, retryAfter: retryAfter, detail: nil)
        }
        return value
    }

    /// Parses XML when the body starts with `<`, JSON otherwise (Moodle answers XML for any
    /// unknown `moodlewsrestformat`, so the body, not the request, decides).
    func parse(_ body: [UInt8]) throws(MoodleError) -> MoodleValue {
        let isXML = body.first == UInt8(ascii: "<")
        do {
            return isXML ? try XMLValueParser.parse(body) : try JSONValueParser.parse(body)
        } catch {
            throw MoodleError(
                code: .malformedResponse,
                message:
                    "Moodle's \(isXML ? "XML" : "JSON") response could not be parsed (\(redactor.scrub(String(describing: error)))); "
                    + "it was probably truncated by a proxy, a timeout or a PHP fatal error. Retrying may help.",
                cause: error)
        }
    }

    private func htmlError(_ response: MoodleHTTPResponse, wsFunction: String, retryAfter: Duration?) -> MoodleError {
        let text = String(decoding: response.body.prefix(64 * 1024), as: UTF8.self).lowercased()
        if response.status == 503 || text.contains("maintenance") {
            return MoodleError(
                code: .siteMaintenance,
                message: "Moodle returned its maintenance page (HTTP \(response.status)); "
                    + "the site is being upgraded or is in CLI maintenance. Retry later.",
                wsFunction: wsFunction, httpStatus: response.status, retryAfter: retryAfter)
        }
        if !(200..<300).contains(response.status) {
            return statusError(response, wsFunction: wsFunction, retryAfter: retryAfter, detail: "HTML error page")
        }
        return MoodleError(
            code: .unexpectedHTML,
            message: "An HTML page arrived instead of a web-service response (a proxy error "
                + "page, a login page or a wrong base URL). Check the base URL and any proxy in front of Moodle.",
            wsFunction: wsFunction, httpStatus: response.status, retryAfter: retryAfter)
    }

    private func statusError(
        _ response: MoodleHTTPResponse, wsFunction: String, retryAfter: Duration?, detail: String?
    ) -> MoodleError {
        let status = response.status
        let advice =
            status >= 500 || status == 408
            ? "The server or a proxy failed; retrying later may help."
            : "Check the base URL and that nothing between the client and Moodle rejects the request."
        return MoodleError(
            code: .httpStatus, message: "HTTP \(status)\(detail.map { " (\($0))" } ?? "") from Moodle. \(advice)",
            wsFunction: wsFunction, httpStatus: status, retryAfter: retryAfter)
    }

    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Int(header.trimmingWhitespace()), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }

    private static func looksLikeHTML(_ body: ArraySlice<UInt8>) -> Bool {
        let head = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<head")
            || head.hasPrefix("<body") || (head.hasPrefix("<!--") && head.contains("<html"))
            || (head.hasPrefix("<") && !head.hasPrefix("<?xml") && !head.hasPrefix("<response")
                && !head.hasPrefix("<exception") && head.contains("<html"))
    }
}
