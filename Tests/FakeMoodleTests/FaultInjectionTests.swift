import Foundation
import Testing

@testable import FakeMoodle

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Fault injection and counters")
struct FaultInjectionTests {
    let token = Scenario.serviceToken
    let function = "core_enrol_get_enrolled_users"
    var args: [(String, String)] { [("courseid", "2")] }

    @Test("the next N calls to a function answer a 5xx, then it recovers; others are unaffected")
    func targetedStatus() async throws {
        try await withServer { server, base in
            server.inject(.httpStatus(503), function: function, count: 2)
            #expect(try await HTTP.call(base, "core_webservice_get_site_info", token: token).status == 200)
            #expect(try await HTTP.call(base, function, token: token, args).status == 503)
            #expect(try await HTTP.call(base, function, token: token, args).status == 503)
            let third = try await HTTP.call(base, function, token: token, args)
            #expect(third.status == 200 && third.errorCode == nil)
            #expect(server.pendingFaults.isEmpty)
            #expect(server.requestCount(for: function) == 3)
            #expect(server.requestCount(for: "core_webservice_get_site_info") == 1)
            #expect(server.totalRequestCount == 4)
            server.resetCounters()
            #expect(server.requestCounts.isEmpty)
        }
    }

    @Test("429 carries Retry-After; the maintenance page is HTML 503 with Retry-After 300")
    func rateLimitAndMaintenance() async throws {
        try await withServer { server, base in
            server.inject(.tooManyRequests(retryAfter: 7))
            let limited = try await HTTP.call(base, function, token: token, args)
            #expect(limited.status == 429 && limited.headers["retry-after"] == "7")
            server.inject(.maintenancePage)
            let page = try await HTTP.call(base, function, token: token, args)
            #expect(
                page.status == 503 && page.headers["retry-after"] == "300" && page.contentType.hasPrefix("text/html"))
            server.inject(.exception(.siteMaintenance))
            #expect(try await HTTP.call(base, function, token: token, args).errorCode == "sitemaintenance")
            server.inject(.webServicesDisabled)
            let off = try await HTTP.call(base, function, token: token, args)
            #expect(off.status == 403 && off.body.isEmpty)
        }
    }

    @Test("truncated and malformed bodies do not parse")
    func brokenBodies() async throws {
        try await withServer { server, base in
            let good = try await HTTP.call(base, function, token: token, args)
            server.inject(.truncatedBody)
            let truncated = try await HTTP.call(base, function, token: token, args)
            #expect(truncated.body.count == good.body.count / 2)
            #expect(throws: (any Error).self) { try truncated.node() }
            server.inject(.malformedBody)
            let malformed = try await HTTP.call(base, function, token: token, args)
            #expect(malformed.text.hasPrefix("<br />"))
            #expect(throws: (any Error).self) { try malformed.node() }
        }
    }

    @Test("a hang outlasts the client's timeout")
    func hang() async throws {
        try await withServer { server, base in
            server.inject(.hang(seconds: 3), function: function)
            await #expect(throws: (any Error).self) {
                _ = try await HTTP.call(base, function, token: token, args, timeout: 0.5)
            }
            server.clearFaults()
        }
    }

    @Test("latency grows with the rows returned")
    func latency() async throws {
        let scenario = Scenario.generate(seed: 11, users: 120, courses: 2, completionRate: 0.2)
        try await withServer(scenario) { server, base in
            server.latency = LatencyModel(base: .milliseconds(30), perRow: .milliseconds(2))
            let clock = ContinuousClock()
            let small = try await clock.measure {
                _ = try await HTTP.call(base, "core_webservice_get_site_info", token: token)
            }
            let users = try await HTTP.call(base, function, token: token, args).node().items.count
            let large = try await clock.measure { _ = try await HTTP.call(base, function, token: token, args) }
            #expect(small >= .milliseconds(30))
            #expect(large >= .milliseconds(30) + .milliseconds(2) * users)
            #expect(server.latency == LatencyModel(base: .milliseconds(30), perRow: .milliseconds(2)))
        }
    }

    @Test("counters are exact under concurrent requests")
    func concurrentCounting() async throws {
        try await withServer { server, base in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let name =
                            index.isMultiple(of: 2) ? "core_webservice_get_site_info" : "core_course_get_categories"
                        return try await HTTP.call(base, name, token: token).status
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            #expect(server.requestCount(for: "core_webservice_get_site_info") == 20)
            #expect(server.requestCount(for: "core_course_get_categories") == 20)
        }
    }
}
