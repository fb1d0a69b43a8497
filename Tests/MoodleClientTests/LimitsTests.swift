import Synchronization
import Testing

@testable import MoodleClient

@Suite("Per-site limits and counters")
struct LimitsTests {
    /// Tracks how many requests are inside the transport at once.
    final class InFlight: Sendable {
        private let state = Mutex<(current: Int, peak: Int)>((0, 0))
        var peak: Int { state.withLock { $0.peak } }
        var current: Int { state.withLock { $0.current } }
        func enter() {
            state.withLock {
                $0.current += 1
                $0.peak = max($0.peak, $0.current)
            }
        }
        func leave() { state.withLock { $0.current -= 1 } }
    }

    @Test("in-flight requests never exceed the bound", arguments: [1, 3, 4])
    func concurrencyBound(limit: Int) async throws {
        let inFlight = InFlight()
        let transport = StubTransport { _, _ in
            inFlight.enter()
            defer { inFlight.leave() }
            // Hold requests until the bound has been reached once (or 1 s passed), so a correct limiter is
            // observed at exactly `limit` regardless of scheduling.
            for _ in 0..<200 where inFlight.peak < limit {
                try await Task.sleep(for: .milliseconds(5))
            }
            return MoodleHTTPResponse(status: 200, body: Array("[]".utf8))
        }
        let site = TestSites.site(transport, maxConcurrent: limit)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 { group.addTask { _ = try await site.cohorts() } }
            try await group.waitForAll()
        }
        #expect(inFlight.peak <= limit)
        #expect(inFlight.peak == limit)
        #expect(site.requestCounts[MoodleFunction.getCohorts] == 40)
    }

    @Test("the rate limit spaces request starts evenly")
    func rateLimit() async throws {
        let clock = VirtualClock()
        let starts = Mutex<[Duration]>([])
        let moodleClock = clock.moodleClock
        let transport = StubTransport { _, _ in
            starts.withLock { $0.append(moodleClock.now()) }
            return MoodleHTTPResponse(status: 200, body: Array("[]".utf8))
        }
        let site = TestSites.site(transport, maxConcurrent: 1, requestsPerMinute: 120, clock: clock)
        for _ in 0..<5 { _ = try await site.cohorts() }
        #expect(starts.withLock { $0 } == [.zero, .milliseconds(500), .seconds(1), .milliseconds(1500), .seconds(2)])
    }

    @Test("request counts are kept per function and can be reset")
    func counters() async throws {
        let site = TestSites.site(StubTransport(body: "[]"))
        _ = try await site.cohorts()
        _ = try await site.cohorts()
        _ = try await site.courses()
        #expect(site.requestCounts == [MoodleFunction.getCohorts: 2, MoodleFunction.getCourses: 1])
        #expect(site.totalRequestCount == 3)
        site.resetRequestCounts()
        #expect(site.requestCounts.isEmpty)
    }

    @Test("a waiter cancelled while queued leaves the semaphore usable")
    func semaphoreCancellation() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.acquire()
        let waiter = Task { try await semaphore.acquire() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        semaphore.release()
        try await semaphore.acquire()
        semaphore.release()
    }
}
