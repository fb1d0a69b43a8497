import Foundation

@testable import FakeMoodle

/// Runs `body` against a started fake server and stops it afterwards.
func withServer<T>(
    _ scenario: Scenario = .small(), _ body: (FakeMoodleServer, URL) async throws -> T
) async throws -> T {
    let server = FakeMoodleServer(scenario: scenario)
    let base = try await server.start()
    do {
        let result = try await body(server, base)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension HTTP.Reply {
    /// The body parsed as JSON (order-preserving).
    func node() throws -> Node { try Node.json(body) }

    /// `errorcode` of a Moodle error body, if any.
    var errorCode: String? { (try? node())?["errorcode"]?.text }
}
