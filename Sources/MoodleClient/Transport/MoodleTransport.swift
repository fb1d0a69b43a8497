/// The single I/O seam of the client: sends one HTTP request and returns the response.
///
/// Implementations report connection failures by throwing (ideally a ``MoodleError`` with code
/// `timeout`, `transport` or `cancelled`); HTTP error statuses are *returned*, not thrown, so the
/// client can classify them. Tests use a stub:
///
/// ```swift
/// struct StubTransport: MoodleTransport {
///     func send(_ request: MoodleHTTPRequest) async throws -> MoodleHTTPResponse {
///         MoodleHTTPResponse(status: 200, headers: ["content-type": "application/json"], body: Array("[]".utf8))
///     }
/// }
/// ```
public protocol MoodleTransport: Sendable {
    func send(_ request: MoodleHTTPRequest) async throws -> MoodleHTTPResponse
}
