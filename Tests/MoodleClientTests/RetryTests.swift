import Testing

@testable import MoodleClient

@Suite("Retry with backoff")
struct RetryTests {
    static let policy = MoodleRetryPolicy(
        maxAttempts: 4, initialBackoff: .milliseconds(500), maxBackoff: .seconds(30), multiplier: 2, jitter: 0.2,
        random: { 0.5 })

    static func failing(times: Int, with response: MoodleHTTPResponse) -> StubTransport {
        StubTransport { _, index in
            index < times ? response : MoodleHTTPResponse(status: 200, body: Array("[]".utf8))
        }
    }

    @Test("transient failures are retried with exponential backoff")
    func transientThenSuccess() async throws {
        let clock = VirtualClock()
        let transport = Self.failing(
            times: 2, with: MoodleHTTPResponse(status: 502, body: Array("<html>x</html>".utf8)))
        let site = TestSites.site(transport, retry: Self.policy, clock: clock)
        #expect(try await site.cohorts().isEmpty)
        #expect(transport.requests.count == 3)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
        #expect(site.requestCounts == [MoodleFunction.getCohorts: 3])
    }

    @Test("jitter spreads the delay within ±jitter")
    func jitterBounds() {
        let error = MoodleError(code: .timeout, message: "t")
        let low = MoodleRetryPolicy(jitter: 0.2, random: { 0 }).delay(afterFailedAttempts: 3, error: error)
        let high = MoodleRetryPolicy(jitter: 0.2, random: { 0.999999 }).delay(afterFailedAttempts: 3, error: error)
        #expect(low == .milliseconds(1600))
        #expect(high == .milliseconds(2400))
        let capped = MoodleRetryPolicy(maxAttempts: 20, maxBackoff: .seconds(30), jitter: 0, random: { 0.5 })
        #expect(capped.delay(afterFailedAttempts: 15, error: error) == .seconds(30))
    }

    @Test("Retry-After replaces the computed backoff")
    func honoursRetryAfter() async throws {
        let clock = VirtualClock()
        let transport = Self.failing(
            times: 1, with: MoodleHTTPResponse(status: 429, headers: ["Retry-After": "7"], body: []))
        let site = TestSites.site(transport, retry: Self.policy, clock: clock)
        _ = try await site.cohorts()
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test("maintenance 503 with Retry-After 300 is waited for")
    func maintenance() async throws {
        let clock = VirtualClock()
        let page = MoodleHTTPResponse(
            status: 503, headers: ["Retry-After": "300"], body: Array("<html>maintenance</html>".utf8))
        let site = TestSites.site(Self.failing(times: 1, with: page), retry: Self.policy, clock: clock)
        _ = try await site.cohorts()
        #expect(clock.sleeps == [.seconds(300)])
    }

    @Test("a Retry-After above the policy's maximum ends retrying")
    func retryAfterTooLong() async throws {
        let clock = VirtualClock()
        var policy = Self.policy
        policy.maxRetryAfter = .seconds(60)
        let transport = Self.failing(
            times: 1, with: MoodleHTTPResponse(status: 429, headers: ["Retry-After": "3600"], body: []))
        let site = TestSites.site(transport, retry: policy, clock: clock)
        await #expect(throws: MoodleError.self) { try await site.cohorts() }
        #expect(transport.requests.count == 1)
    }

    @Test("attempts are bounded")
    func bounded() async throws {
        let clock = VirtualClock()
        let transport = Self.failing(times: 100, with: MoodleHTTPResponse(status: 500, body: []))
        let site = TestSites.site(transport, retry: Self.policy, clock: clock)
        let error = await #expect(throws: MoodleError.self) { try await site.cohorts() }
        #expect(error?.code == .httpStatus)
        #expect(transport.requests.count == 4)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test(
        "permanent errors stop at once",
        arguments: [
            "errors/invalid_token", "errors/function_not_in_service", "errors/completion_status_user_not_enrolled",
            "errors/webservices_disabled", "errors/invalid_parameter_type",
        ])
    func permanent(name: String) async throws {
        let clock = VirtualClock()
        let transport = TestSites.replaying(try Fixtures.capture(name))
        let site = TestSites.site(transport, retry: Self.policy, clock: clock)
        await #expect(throws: MoodleError.self) { try await site.call("x") }
        #expect(transport.requests.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("cancellation stops the retry loop")
    func cancellation() async throws {
        let transport = StubTransport { _, _ in MoodleHTTPResponse(status: 503, body: []) }
        let clock = MoodleClock(now: { .zero }, sleep: { _ in try await Task.sleep(for: .seconds(60)) })
        let site = MoodleSite(
            configuration: TestSites.configuration(retry: Self.policy), transport: transport, clock: clock)
        let task = Task { try await site.cohorts() }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let result = await task.result
        #expect(throws: MoodleError.self) { try result.get() }
        if case .failure(let error as MoodleError) = result { #expect(error.code == .cancelled) }
    }
}
