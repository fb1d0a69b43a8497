import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Minimal HTTP client for the tests (URLSession, form-encoded bodies).
enum HTTP {
    struct Reply {
        var status: Int
        var contentType: String
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }()

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map {
            ($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    static func send(
        _ base: URL, path: String, method: String = "POST", fields: [(String, String)], timeout: TimeInterval = 120
    ) async throws -> Reply {
        var request: URLRequest
        if method == "GET" {
            request = URLRequest(url: URL(string: base.absoluteString + path + "?" + encode(fields))!)
        } else {
            request = URLRequest(url: URL(string: base.absoluteString + path)!)
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(encode(fields).utf8)
        }
        request.timeoutInterval = timeout
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, contentType: headers["content-type"] ?? "", headers: headers, body: data)
    }

    /// Calls a web-service function; `json: false` leaves out `moodlewsrestformat` (XML).
    static func call(
        _ base: URL, _ function: String, token: String, json: Bool = true, _ arguments: [(String, String)] = [],
        timeout: TimeInterval = 120
    ) async throws -> Reply {
        var fields = [("wstoken", token), ("wsfunction", function)] + arguments
        if json { fields.append(("moodlewsrestformat", "json")) }
        return try await send(base, path: "/webservice/rest/server.php", fields: fields, timeout: timeout)
    }
}
