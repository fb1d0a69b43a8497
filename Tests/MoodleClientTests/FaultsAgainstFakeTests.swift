import FakeMoodle
import Foundation
import Testing

@testable import MoodleClient

extension AgainstFakeMoodle {
    @Suite("Faults over HTTP against the fake Moodle")
    struct FaultsAgainstFakeTests {
        static let enrolled = MoodleFunction.getEnrolledUsers

        @Test("5xx twice, then success: retried with backoff and counted", arguments: MoodleResponseFormat.allCases)
        func serverErrorsThenSuccess(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.inject(.httpStatus(503), function: Self.enrolled, count: 1)
                harness.server.inject(.httpStatus(502), function: Self.enrolled, count: 1)
                let users = try await harness.site.enrolledUsers(courseID: 2)
                #expect(users.map(\.id) == [4, 5])
                #expect(harness.server.requestCount(for: Self.enrolled) == 3)
                #expect(harness.site.requestCounts[Self.enrolled] == 3)
                #expect(harness.clock.sleeps == [.milliseconds(10), .milliseconds(20)])
                #expect(harness.server.pendingFaults.isEmpty)
            }
        }

        @Test("a 5xx that persists ends after the bounded attempts")
        func persistentServerError() async throws {
            try await FakeSiteHarness.with(format: .json) { harness in
                harness.server.inject(.httpStatus(500), function: Self.enrolled, count: nil)
                let error = await harness.failure { try await harness.site.enrolledUsers(courseID: 2) }
                #expect(error?.code == .httpStatus)
                #expect(error?.httpStatus == 500)
                #expect(harness.server.requestCount(for: Self.enrolled) == FakeSiteHarness.fastRetry.maxAttempts)
                #expect(harness.leaks.isEmpty)
            }
        }

        @Test("429 with Retry-After: the wait is the server's, then success", arguments: MoodleResponseFormat.allCases)
        func rateLimited(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.inject(.tooManyRequests(retryAfter: 2), function: MoodleFunction.getCohorts)
                let cohorts = try await harness.site.cohorts()
                #expect(cohorts.count == 1)
                #expect(harness.clock.sleeps == [.seconds(2)])
                #expect(harness.server.requestCount(for: MoodleFunction.getCohorts) == 2)
            }
        }

        @Test("429 with Retry-After is waited for on the real clock")
        func rateLimitedRealClock() async throws {
            try await FakeSiteHarness.with(format: .json, realClock: true) { harness in
                harness.server.inject(.tooManyRequests(retryAfter: 1), function: MoodleFunction.getCohorts)
                let started = ContinuousClock.now
                _ = try await harness.site.cohorts()
                #expect(ContinuousClock.now - started >= .milliseconds(950))
                #expect(harness.server.requestCount(for: MoodleFunction.getCohorts) == 2)
            }
        }

        @Test(
            "the maintenance page is transient: its Retry-After is honoured", arguments: MoodleResponseFormat.allCases)
        func maintenancePage(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.inject(.maintenancePage, function: MoodleFunction.getSiteInfo)
                let info = try await harness.site.siteInfo()
                #expect(info.username == "ws_bridge")
                #expect(harness.clock.sleeps == [.seconds(300)])
                #expect(harness.server.requestCount(for: MoodleFunction.getSiteInfo) == 2)

                harness.server.inject(.maintenancePage, function: MoodleFunction.getSiteInfo, count: nil)
                let error = await harness.failure { try await harness.site.siteInfo() }
                #expect(error?.code == .siteMaintenance)
                #expect(error?.httpStatus == 503)
                #expect(
                    harness.server.requestCount(for: MoodleFunction.getSiteInfo) == 2
                        + FakeSiteHarness.fastRetry.maxAttempts)
                #expect(harness.leaks.isEmpty)
            }
        }

        @Test("a truncated body is malformed and retried", arguments: MoodleResponseFormat.allCases)
        func truncatedBody(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.inject(.truncatedBody, function: MoodleFunction.getUsersByField)
                let users = try await harness.site.users(ids: [4])
                #expect(users.map(\.id) == [4])
                #expect(harness.server.requestCount(for: MoodleFunction.getUsersByField) == 2)
            }
            try await FakeSiteHarness.with(format: format, retry: .none) { harness in
                harness.server.inject(.truncatedBody, function: MoodleFunction.getUsersByField)
                let error = await harness.failure { try await harness.site.users(ids: [4]) }
                #expect(error?.code == .malformedResponse)
                #expect(error?.isTransient == true)
                #expect(harness.server.requestCount(for: MoodleFunction.getUsersByField) == 1)
                #expect(harness.leaks.isEmpty)
            }
        }

        @Test("a hanging server times out on the client's timeout")
        func hangTimesOut() async throws {
            try await FakeSiteHarness.with(format: .json, retry: .none, timeout: .seconds(1)) { harness in
                harness.server.inject(.hang(seconds: 4), function: MoodleFunction.getSiteInfo)
                let started = ContinuousClock.now
                let error = await harness.failure { try await harness.site.siteInfo() }
                #expect(error?.code == .timeout)
                #expect(error?.isTransient == true)
                #expect(ContinuousClock.now - started < .seconds(4))
                #expect(harness.server.requestCount(for: MoodleFunction.getSiteInfo) == 1)
                #expect(harness.leaks.isEmpty)
            }
        }

        @Test("a revoked token is permanent: exactly one request", arguments: MoodleResponseFormat.allCases)
        func revokedToken(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.revokeToken(FakeSiteHarness.token)
                let error = await harness.failure { try await harness.site.siteInfo() }
                #expect(error?.code == .invalidToken)
                #expect(error?.moodleErrorCode == "invalidtoken")
                #expect(error?.isTransient == false)
                #expect(harness.server.requestCount(for: MoodleFunction.getSiteInfo) == 1)
                #expect(harness.server.totalRequestCount == 1)
                #expect(harness.clock.sleeps.isEmpty)
                #expect(harness.leaks.isEmpty)
            }
        }

        @Test(
            "a function missing from the service: accessexception, not retried",
            arguments: MoodleResponseFormat.allCases)
        func missingFunction(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.removeFunction(MoodleFunction.getCohorts, fromService: "credit_bridge")
                let info = try await harness.site.siteInfo()
                #expect(
                    info.missingFunctions([MoodleFunction.getCohorts, MoodleFunction.getCohortMembers]) == [
                        MoodleFunction.getCohorts
                    ])
                let error = await harness.failure { try await harness.site.cohorts() }
                #expect(error?.code == .accessDenied)
                #expect(error?.moodleErrorCode == "accessexception")
                #expect(error?.wsFunction == MoodleFunction.getCohorts)
                #expect(harness.server.requestCount(for: MoodleFunction.getCohorts) == 1)
                // The local check refuses without a request at all.
                let local = await harness.failure {
                    try await harness.site.requireFunctions([MoodleFunction.getCohorts])
                }
                #expect(local?.code == .functionNotAvailable || local?.code == .accessDenied)
                #expect(harness.server.requestCount(for: MoodleFunction.getCohorts) == 1)
                #expect(harness.leaks.isEmpty)
            }
        }

        @Test("web services off: HTTP 403 with an empty body, not retried", arguments: MoodleResponseFormat.allCases)
        func webServicesOff(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.setWebServicesEnabled(false)
                let error = await harness.failure { try await harness.site.siteInfo() }
                #expect(error?.code == .webServicesDisabled)
                #expect(error?.httpStatus == 403)
                #expect(error?.isTransient == false)
                #expect(harness.server.requestCount(for: MoodleFunction.getSiteInfo) == 1)
                #expect(harness.leaks.isEmpty)
            }
        }
    }

    @Suite("The token never leaks over HTTP")
    struct TokenLeakAgainstFakeTests {
        /// Each fault, and how to provoke it on a fresh server.
        static let faults: [(name: String, arrange: @Sendable (FakeMoodleServer) -> Void)] = [
            ("5xx", { $0.inject(.httpStatus(502), count: nil) }),
            ("429", { $0.inject(.tooManyRequests(retryAfter: 1), count: nil) }),
            ("maintenance page", { $0.inject(.maintenancePage, count: nil) }),
            ("maintenance exception", { $0.inject(.exception(.siteMaintenance), count: nil) }),
            ("truncated body", { $0.inject(.truncatedBody, count: nil) }),
            ("malformed body", { $0.inject(.malformedBody, count: nil) }),
            ("hang", { $0.inject(.hang(seconds: 3), count: nil) }),
            ("revoked token", { $0.revokeToken(FakeSiteHarness.token) }),
            ("missing function", { $0.removeFunction(MoodleFunction.getCohorts, fromService: "credit_bridge") }),
            ("web services off", { $0.setWebServicesEnabled(false) }),
            ("web services off (fault)", { $0.inject(.webServicesDisabled, count: nil) }),
        ]

        @Test("the leak check finds a planted token")
        func plantedToken() async throws {
            let harness = try await FakeSiteHarness.start(format: .json)
            _ = try await harness.site.siteInfo()
            #expect(harness.leaks.isEmpty)
            harness.logs.append("debug planted wstoken=\(FakeSiteHarness.token)")
            #expect(harness.leaks.count == 1)
            await harness.server.stop()
        }

        @Test("no error text or log line of any fault contains the token", arguments: MoodleResponseFormat.allCases)
        func noLeak(format: MoodleResponseFormat) async throws {
            var failures = 0
            var lines = 0
            for fault in Self.faults {
                let retry = MoodleRetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(5), jitter: 0)
                try await FakeSiteHarness.with(format: format, retry: retry, timeout: .seconds(1)) { harness in
                    fault.arrange(harness.server)
                    _ = await harness.failure { try await harness.site.cohorts() }
                    _ = await harness.failure { try await harness.site.courseCompletionStatus(courseID: 2, userID: 5) }
                    #expect(!harness.recordedErrors.isEmpty, "\(fault.name) produced no error")
                    #expect(harness.leaks.isEmpty, "\(fault.name) leaked the token: \(harness.leaks)")
                    failures += harness.recordedErrors.count
                    lines += harness.logs.all.count
                }
            }
            // The check must have looked at something: errors and the client's log lines.
            #expect(failures >= Self.faults.count)
            #expect(lines > 0)
        }
    }
}
