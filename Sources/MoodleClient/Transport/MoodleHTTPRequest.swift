import Foundation

/// A POST to Moodle's REST endpoint, fully encoded.
///
/// The body carries the token, so `description` never prints it: only method, URL, function and
/// body size.
public struct MoodleHTTPRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var method: String
    /// The endpoint, e.g. `https://moodle.example/webservice/rest/server.php`; never holds the token.
    public var url: URL
    /// Header names in lower case.
    public var headers: [String: String]
    /// The `application/x-www-form-urlencoded` body, including `wstoken`.
    public var body: [UInt8]
    /// The function called (also in the body), for logs and stubs.
    public var wsFunction: String
    /// The form fields without `wstoken`, for stubs and tests.
    public var arguments: [(name: String, value: String)]
    /// The time after which the transport should give up.
    public var timeout: Duration
    /// The largest answer the transport reads; past it the request fails.
    public var maxResponseBytes: Int

    public init(
        method: String = "POST", url: URL, headers: [String: String], body: [UInt8], wsFunction: String,
        arguments: [(name: String, value: String)], timeout: Duration,
        maxResponseBytes: Int = MoodleSiteConfiguration.defaultMaxResponseBytes
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.wsFunction = wsFunction
        self.arguments = arguments
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// The value of a non-secret form argument (`wsfunction`, `moodlewsrestformat`, function arguments).
    public func argument(_ name: String) -> String? {
        arguments.first { $0.name == name }?.value
    }

    public var description: String {
        "\(method) \(url.absoluteString) wsfunction=\(wsFunction) (\(body.count)-byte form body, token redacted)"
    }

    public var debugDescription: String {
        description + " arguments: " + arguments.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }
}
