import Foundation
import Logging
import Synchronization

@testable import MoodleClient

/// A transport answering from a closure, recording every request.
final class StubTransport: MoodleTransport {
    typealias Handler = @Sendable (MoodleHTTPRequest, Int) async throws -> MoodleHTTPResponse

    private let handler: Handler
    private let log = Mutex<[MoodleHTTPRequest]>([])

    init(_ handler: @escaping Handler) { self.handler = handler }

    /// Always answers with `body` (JSON unless it starts with `<`).
    convenience init(status: Int = 200, headers: [String: String] = [:], body: String) {
        self.init { _, _ in MoodleHTTPResponse(status: status, headers: headers, body: Array(body.utf8)) }
    }

    var requests: [MoodleHTTPRequest] { log.withLock { $0 } }

    func send(_ request: MoodleHTTPRequest) async throws -> MoodleHTTPResponse {
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        return try await handler(request, index)
    }
}

/// A clock whose sleeps return at once and only advance virtual time; records every sleep.
final class VirtualClock: Sendable {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    var moodleClock: MoodleClock {
        MoodleClock(
            now: { self.state.withLock { $0.now } },
            sleep: { duration in
                self.state.withLock { state in
                    state.now += duration
                    state.sleeps.append(duration)
                }
                await Task.yield()
            })
    }
}

/// Captures log lines (message + metadata) in memory.
struct InMemoryLogHandler: LogHandler {
    final class Store: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        for (key, value) in event.metadata ?? [:] { all[key] = value }
        let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        store.append("\(event.level) \(event.message) \(rendered)")
    }
}

enum TestSites {
    static let token = "0123456789abcdef0123456789abcdef"

    static func configuration(
        format: MoodleResponseFormat = .json, retry: MoodleRetryPolicy = .none, maxConcurrent: Int = 4,
        requestsPerMinute: Int? = nil
    ) -> MoodleSiteConfiguration {
        MoodleSiteConfiguration(
            baseURL: URL(string: "https://moodle.example.org/")!, token: MoodleToken(token), format: format,
            maxConcurrentRequests: maxConcurrent, requestsPerMinute: requestsPerMinute, retry: retry)
    }

    static func site(
        _ transport: any MoodleTransport, format: MoodleResponseFormat = .json, retry: MoodleRetryPolicy = .none,
        maxConcurrent: Int = 4, requestsPerMinute: Int? = nil, clock: VirtualClock = VirtualClock(),
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    ) -> MoodleSite {
        MoodleSite(
            configuration: configuration(
                format: format, retry: retry, maxConcurrent: maxConcurrent, requestsPerMinute: requestsPerMinute),
            transport: transport, logger: logger, clock: clock.moodleClock)
    }

    /// A transport that answers every request with the capture's response in the requested format.
    static func replaying(_ capture: Capture) -> StubTransport {
        StubTransport { request, _ in
            let isJSON = request.argument("moodlewsrestformat") == "json"
            guard let response = isJSON ? capture.json : capture.xml else {
                throw FixtureError(text: "capture \(capture.name) has no \(isJSON ? "json" : "xml") body")
            }
            return response.http
        }
    }

    /// A transport that serves captures by function and arguments (exact form-field match).
    static func replayingAll(_ captures: [Capture]) -> StubTransport {
        StubTransport { request, _ in
            let isJSON = request.argument("moodlewsrestformat") == "json"
            let sent = request.arguments.filter { !["wsfunction", "moodlewsrestformat"].contains($0.name) }
            let match = captures.first { capture in
                capture.function == request.wsFunction && capture.argumentFields.elementsEqual(sent) { $0 == $1 }
                    && (isJSON ? capture.json : capture.xml) != nil
            }
            guard let match, let response = isJSON ? match.json : match.xml else {
                throw FixtureError(text: "no capture for \(request.debugDescription)")
            }
            return response.http
        }
    }
}
