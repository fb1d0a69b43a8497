import FlyingFox
import Foundation
import Synchronization

/// A fake Moodle web-service server on loopback, answering from an in-memory ``Scenario``.
///
/// It serves `POST`/`GET /webservice/rest/server.php` (JSON with `moodlewsrestformat=json`,
/// otherwise Moodle's XML) and `/login/token.php`, can inject faults and latency, counts the
/// requests it served per `wsfunction`, and lets tests change the scenario while it runs.
///
/// ```swift
/// let server = FakeMoodleServer(scenario: .small())
/// let baseURL = try await server.start()          // http://127.0.0.1:<random port>
/// server.inject(.httpStatus(503), function: "core_enrol_get_enrolled_users", count: 2)
/// server.updateScenario { $0.completions.append(Completion(userID: 5, courseID: 2, timeCompleted: 1_750_000_000)) }
/// print(server.requestCount(for: "core_enrol_get_enrolled_users"))
/// await server.stop()
/// ```
public final class FakeMoodleServer: Sendable {
    let engine: FakeMoodleEngine
    private let running = Mutex<(server: HTTPServer, task: Task<Void, any Error>, url: URL)?>(nil)

    /// Path of the REST endpoint.
    public static let restPath = "/webservice/rest/server.php"
    /// Path of the token endpoint.
    public static let tokenPath = "/login/token.php"

    /// Creates a server for a scenario; call ``start()`` to listen.
    public init(scenario: Scenario) {
        engine = FakeMoodleEngine(scenario: scenario)
    }

    /// Starts listening on 127.0.0.1.
    ///
    /// - Parameter port: The port to listen on; 0 (the default) picks a free one.
    /// - Returns: The base URL, e.g. `http://127.0.0.1:53127`; append ``restPath``.
    /// - Throws: A socket error if the server cannot listen.
    @discardableResult
    public func start(port: UInt16 = 0) async throws -> URL {
        if let url = baseURL { return url }
        // A long handler timeout, so that an injected hang outlasts the client's timeout.
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 3_600, logger: .disabled)
        let engine = self.engine
        await server.appendRoute(HTTPRoute(Self.restPath)) { request in
            await Self.respond(to: request) { await engine.restResponse(fields: $0) }
        }
        await server.appendRoute(HTTPRoute(Self.tokenPath)) { request in
            await Self.respond(to: request) { await engine.tokenResponse(fields: $0) }
        }
        let task = Task { try await server.run() }
        // Returns as soon as it listens; the bound only matters on a machine busy with builds.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let port)? = await server.listeningAddress,
            let url = URL(string: "http://127.0.0.1:\(port)")
        else {
            task.cancel()
            throw URLError(.cannotConnectToHost)
        }
        running.withLock { $0 = (server, task, url) }
        return url
    }

    /// Stops listening and closes open connections.
    public func stop() async {
        guard
            let current = running.withLock({ state -> (server: HTTPServer, task: Task<Void, any Error>, url: URL)? in
                defer { state = nil }
                return state
            })
        else { return }
        await current.server.stop(timeout: 0.2)
        current.task.cancel()
    }

    /// The base URL while running.
    public var baseURL: URL? { running.withLock { $0?.url } }

    /// The REST endpoint URL while running.
    public var restURL: URL? { baseURL?.appendingPathComponent("webservice/rest/server.php") }

    private static func respond(
        to request: HTTPRequest, _ handle: ([(String, String)]) async -> RawResponse
    ) async -> HTTPResponse {
        var fields = request.query.map { ($0.name, $0.value) }
        if request.method == .POST, let body = try? await request.bodyData,
            let text = String(data: body, encoding: .utf8)
        {
            fields += FormValue.pairs(fromURLEncoded: text)
        }
        let raw = await handle(fields)
        var headers = HTTPHeaders()
        for (name, value) in raw.headers { headers.addValue(value, for: HTTPHeader(name)) }
        return HTTPResponse(
            statusCode: HTTPStatusCode(raw.status, phrase: phrase(raw.status)), headers: headers, body: raw.body)
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 403: "Forbidden"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Error"
        }
    }
}
