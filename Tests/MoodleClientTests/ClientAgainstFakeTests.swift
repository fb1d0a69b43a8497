import FakeMoodle
import Foundation
import Testing

@testable import MoodleClient

extension AgainstFakeMoodle {
    @Suite("Typed calls over HTTP against the fake Moodle")
    struct ClientAgainstFakeTests {
        @Test("site info: version, web-service user, functions", arguments: MoodleResponseFormat.allCases)
        func siteInfo(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                let info = try await harness.site.siteInfo()
                #expect(info.siteName == "Small fake site")
                #expect(info.username == "ws_bridge")
                #expect(info.userID == 3)
                #expect(info.version == "2025100600.02")
                #expect(info.release == "5.1+ (Build: 20251017)")
                #expect((info.versionNumber ?? 0) >= 2022112800)
                #expect(
                    info.missingFunctions([MoodleFunction.getEnrolledUsers, MoodleFunction.retrieveReport]).isEmpty)
                #expect(harness.server.requestCount(for: MoodleFunction.getSiteInfo) == 1)
            }
        }

        @Test("courses by field carry their custom fields", arguments: MoodleResponseFormat.allCases)
        func coursesByField(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                let result = try await harness.site.courses(by: .category, value: "2")
                #expect(result.courses.map(\.id).sorted() == [2, 3])
                let module = try #require(result.courses.first { $0.id == 2 })
                #expect(module.shortName == "MOD-1")
                #expect(module.customFields.first { $0.shortName == "hours" }?.value == "36")
                #expect(module.customFields.first { $0.shortName == "program" }?.value == "P-1")
                let byID = try await harness.site.courses(by: .id, value: "3")
                #expect(byID.courses.map(\.shortName) == ["MOD-2"])
                #expect(harness.server.requestCount(for: MoodleFunction.getCoursesByField) == 2)
            }
        }

        @Test("enrolled users are read in pages until a short page", arguments: MoodleResponseFormat.allCases)
        func enrolledUsersPaging(format: MoodleResponseFormat) async throws {
            let scenario = Scenario.generate(seed: 7, users: 40, courses: 3, completionRate: 0.5)
            let courseID = try #require(scenario.courses.first?.id)
            // The fake lists every enrolled user (active or not, like Moodle without onlyactive).
            let expected = Set(scenario.enrolments.filter { $0.courseID == courseID }.map(\.userID))
            let pageSize = 4
            try await FakeSiteHarness.with(scenario, format: format) { harness in
                let users = try await harness.site.allEnrolledUsers(courseID: courseID, pageSize: pageSize)
                #expect(Set(users.map(\.id)) == expected)
                #expect(users.count == expected.count)
                // One request per full page, plus the short (possibly empty) last one.
                let pages = expected.count / pageSize + 1
                #expect(harness.server.requestCount(for: MoodleFunction.getEnrolledUsers) == pages)
                #expect(harness.site.requestCounts[MoodleFunction.getEnrolledUsers] == pages)
            }
        }

        @Test(
            "completion status, and Moodle's usernotenroled / userdeleted refusals",
            arguments: MoodleResponseFormat.allCases)
        func completionStatus(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                let site = harness.site
                let done = try await site.courseCompletionStatus(courseID: 2, userID: 4)
                #expect(done.completed)
                #expect(done.latestCriterionTimeCompleted == 1_740_836_499)
                let open = try await site.courseCompletionStatus(courseID: 2, userID: 5)
                #expect(!open.completed)

                harness.server.setEnrolmentStatus(userID: 5, courseID: 2, to: .suspended)
                let suspendedEnrolment = await harness.failure {
                    try await site.courseCompletionStatus(courseID: 2, userID: 5)
                }
                #expect(suspendedEnrolment?.code == .notEnrolled)
                #expect(suspendedEnrolment?.moodleErrorCode == "usernotenroled")

                harness.server.updateScenario { scenario in
                    for index in scenario.users.indices where scenario.users[index].id == 4 {
                        scenario.users[index].suspended = true
                    }
                }
                let suspendedAccount = await harness.failure {
                    try await site.courseCompletionStatus(courseID: 3, userID: 4)
                }
                #expect(suspendedAccount?.code == .notEnrolled)

                harness.server.updateScenario { scenario in
                    scenario.users.append(
                        User(id: 9, username: "gone", firstname: "Gone", lastname: "User", deleted: true))
                    scenario.enrolments.append(Enrolment(userID: 9, courseID: 2, timeStart: 1_735_689_600))
                }
                let deleted = await harness.failure { try await site.courseCompletionStatus(courseID: 2, userID: 9) }
                #expect(deleted?.code == .userDeleted)
                #expect(deleted?.moodleErrorCode == "userdeleted")
                // Per-item refusals are permanent: one request each, no retries.
                #expect(harness.server.requestCount(for: MoodleFunction.getCourseCompletionStatus) == 5)
                #expect(harness.leaks.isEmpty)
            }
        }

        @Test("users by field carry their profile fields", arguments: MoodleResponseFormat.allCases)
        func usersByField(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                let users = try await harness.site.users(ids: [4, 5])
                #expect(users.map(\.id).sorted() == [4, 5])
                let anna = try #require(users.first { $0.id == 4 })
                #expect(anna.idNumber == "PED-1")
                #expect(anna.customFields.first { $0.shortName == "snils" }?.value == "111-222-333 44")
                let byUsername = try await harness.site.users(by: .username, values: ["learner2"])
                #expect(byUsername.map(\.id) == [5])
                #expect(harness.server.requestCount(for: MoodleFunction.getUsersByField) == 2)
            }
        }

        @Test("cohorts and their members", arguments: MoodleResponseFormat.allCases)
        func cohorts(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                let cohorts = try await harness.site.cohorts()
                #expect(cohorts.map(\.idNumber) == ["MMC-01"])
                let members = try await harness.site.cohortMembers(cohortIDs: [1])
                #expect(members.map(\.cohortID) == [1])
                #expect(members.first?.userIDs.sorted() == [4, 5])
                #expect(harness.server.requestCount(for: MoodleFunction.getCohorts) == 1)
                #expect(harness.server.requestCount(for: MoodleFunction.getCohortMembers) == 1)
            }
        }

        @Test("report-builder rows are read page by page", arguments: MoodleResponseFormat.allCases)
        func reportPaging(format: MoodleResponseFormat) async throws {
            let scenario = Scenario.generate(seed: 11, users: 30, courses: 3, completionRate: 0.5)
            try await FakeSiteHarness.with(scenario, format: format) { harness in
                let everything = try await harness.site.retrieveReport(reportID: 1, page: 0, perPage: 0)
                #expect(everything.rows.count == everything.totalRowCount)
                #expect(everything.rows.count > 7)
                #expect(!everything.headers.isEmpty)
                harness.server.resetCounters()

                let perPage = 7
                let paged = try await harness.site.allReportRows(reportID: 1, perPage: perPage)
                #expect(paged.headers == everything.headers)
                #expect(paged.rows == everything.rows)
                #expect(paged.totalRowCount == everything.totalRowCount)
                let expectedPages = everything.rows.count / perPage + 1
                #expect(paged.pagesRead == expectedPages)
                #expect(harness.server.requestCount(for: MoodleFunction.retrieveReport) == expectedPages)
            }
        }

        @Test(
            "batching runs sub-calls in one request and resends the tail after a refusal",
            arguments: MoodleResponseFormat.allCases)
        func batching(format: MoodleResponseFormat) async throws {
            try await FakeSiteHarness.with(format: format) { harness in
                harness.server.setEnrolmentStatus(userID: 5, courseID: 2, to: .suspended)
                let pairs = [(2, 4), (2, 5), (3, 4)]
                let requests = pairs.map { course, user in
                    MoodleBatchRequest(
                        MoodleFunction.getCourseCompletionStatus, ["courseid": .int(course), "userid": .int(user)])
                }
                let results = try await harness.site.callBatch(
                    requests, as: MoodleCourseCompletionStatus.self, batchSize: 10)
                #expect(results.count == 3)
                #expect((try? results[0].get())?.completed == true)
                guard case .failure(let refused) = results[1] else {
                    Issue.record("expected usernotenroled, got \(results[1])")
                    return
                }
                #expect(refused.code == .notEnrolled)
                #expect((try? results[2].get())?.completed == false)
                // Moodle stops a batch at the first failure: the tail (one sub-call) goes in a second batch.
                #expect(harness.server.requestCount(for: MoodleFunction.callExternalFunctions) == 2)
                #expect(harness.server.requestCount(for: MoodleFunction.getCourseCompletionStatus) == 0)
            }
        }
    }
}
