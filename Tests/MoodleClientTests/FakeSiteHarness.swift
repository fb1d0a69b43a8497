import FakeMoodle
import Foundation
import Logging
import Synchronization
import Testing

@testable import MoodleClient

/// The suites that run the client against a `FakeMoodleServer`, one test at a time: each test
/// starts a server, and many servers at once starve the other suites' servers on a two-core machine.
@Suite("The client against the fake Moodle over HTTP", .serialized)
enum AgainstFakeMoodle {}

/// A `FakeMoodleServer` on loopback and a `MoodleSite` talking to it over the live
/// `URLSessionTransport`, recording every error and log line so tests can check the token never
/// leaks.
final class FakeSiteHarness: Sendable {
    /// A distinctive token, so a leak cannot hide behind a common word.
    static let token = "c0ffee5ecret7oken0f0rthefakem00dle"

    let server: FakeMoodleServer
    let site: MoodleSite
    let clock: VirtualClock
    let logs: InMemoryLogHandler.Store
    private let errors = Mutex<[MoodleError]>([])

    /// Backoff short enough for tests; `Retry-After` is still honoured through the clock.
    static let fastRetry = MoodleRetryPolicy(
        maxAttempts: 4, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(40), jitter: 0)

    private init(server: FakeMoodleServer, site: MoodleSite, clock: VirtualClock, logs: InMemoryLogHandler.Store) {
        self.server = server
        self.site = site
        self.clock = clock
        self.logs = logs
    }

    /// ``Scenario/small()``.
    static func smallScenario() -> Scenario { .small() }

    /// Starts a server for `scenario` and a client for it. The scenario's service token
    /// (``Scenario/serviceToken``) is replaced by ``token``.
    ///
    /// - Parameters:
    ///   - realClock: sleep for real (to measure a `Retry-After`) instead of on a virtual clock.
    static func start(
        _ scenario: Scenario = smallScenario(), format: MoodleResponseFormat, retry: MoodleRetryPolicy = fastRetry,
        timeout: Duration = .seconds(10), realClock: Bool = false
    ) async throws -> FakeSiteHarness {
        var scenario = scenario
        for index in scenario.tokens.indices where scenario.tokens[index].value == Scenario.serviceToken {
            scenario.tokens[index].value = token
        }
        let server = FakeMoodleServer(scenario: scenario)
        let baseURL = try await server.start()
        let logs = InMemoryLogHandler.Store()
        let clock = VirtualClock()
        let configuration = MoodleSiteConfiguration(
            baseURL: baseURL, token: MoodleToken(token), format: format, timeout: timeout, retry: retry,
            language: "en", timezone: "UTC")
        let site = MoodleSite(
            configuration: configuration, transport: URLSessionTransport(maximumConnectionsPerHost: 2),
            logger: Logger(label: "fake-site", factory: { _ in InMemoryLogHandler(store: logs) }),
            clock: realClock ? .continuous : clock.moodleClock)
        return FakeSiteHarness(server: server, site: site, clock: clock, logs: logs)
    }

    /// Runs `body` with a started harness, always stops the server afterwards, and expects that
    /// no error or log line of the run contains the token.
    static func with<T>(
        _ scenario: Scenario = smallScenario(), format: MoodleResponseFormat, retry: MoodleRetryPolicy = fastRetry,
        timeout: Duration = .seconds(10), realClock: Bool = false, _ body: (FakeSiteHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(scenario, format: format, retry: retry, timeout: timeout, realClock: realClock)
        do {
            let result = try await body(harness)
            await harness.server.stop()
            #expect(harness.leaks.isEmpty, "the token leaked: \(harness.leaks)")
            return result
        } catch {
            await harness.server.stop()
            throw error
        }
    }

    /// Runs `call`, expecting a `MoodleError`, and records it for the leak check.
    func failure<T>(_ call: () async throws -> T) async -> MoodleError? {
        do {
            _ = try await call()
            return nil
        } catch let error as MoodleError {
            errors.withLock { $0.append(error) }
            return error
        } catch {
            return nil
        }
    }

    /// Every error recorded by ``failure(_:)``.
    var recordedErrors: [MoodleError] { errors.withLock { $0 } }

    /// Every text an operator could see: error descriptions (with causes) and log lines.
    var visibleTexts: [String] {
        recordedErrors.flatMap { [$0.description, $0.debugDescription, $0.message, String(describing: $0)] }
            + logs.all
    }

    /// The texts of ``visibleTexts`` that contain the token.
    var leaks: [String] { visibleTexts.filter { $0.contains(Self.token) } }
}
