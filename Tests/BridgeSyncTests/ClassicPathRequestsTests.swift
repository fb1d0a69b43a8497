import BridgeApplication
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// What the classic path costs: the course lists, one completed-flags call per learner with
/// something left to complete, and a completion status only for a pair the flags call complete.
@Suite("Classic path requests", .serialized)
struct ClassicPathRequestsTests {
    static let status = "core_completion_get_course_completion_status"
    static let flags = "core_enrol_get_users_courses"
    static let batch = "tool_mobile_call_external_functions"
    static let enrolled = "core_enrol_get_enrolled_users"

    @Test("nothing new: no completion status asked; one new completion: one status, one credit")
    func proportionalToChange() async throws {
        let region = try await TwoSiteRegion()
        let first = await region.sync(full: true, timeout: .seconds(120))
        #expect(first.failures.map(\.message) == [])
        let mappedCourses = try #require(first.sites.first { $0.site == "north" }).coursesMapped

        // With batching: the flags of every learner in one or two batches.
        region.north.resetCounters()
        let again = await region.sync(timeout: .seconds(120))
        #expect(again.newCredits == 0)
        let batched = region.north.requestCounts
        #expect(batched[Self.status] == nil && batched[Self.flags] == nil, "\(batched)")
        #expect(batched[Self.enrolled] == mappedCourses)
        #expect((1...2).contains(batched[Self.batch] ?? 0), "\(batched)")

        // Without batching: one flags call per learner with a pair left, still no status.
        region.north.removeFunction(Self.batch, fromService: "credit_bridge")
        region.north.resetCounters()
        _ = await region.sync(timeout: .seconds(120))
        let plain = region.north.requestCounts
        let scenario = region.north.scenario
        let learners = Set(scenario.enrolments.map(\.userID)).count
        #expect(plain[Self.status] == nil, "\(plain)")
        #expect((1...learners).contains(plain[Self.flags] ?? 0), "\(plain)")

        // A learner completes a mapped course: exactly one status call, one new credit.
        let ledgerCredits = try await region.ledger.entries(person: nil).count
        // Now: the time the region's syncs run at (TwoSiteRegion.sync).
        let now = 1_767_225_600
        let open = try #require(
            scenario.enrolments.first { enrolment in
                enrolment.courseID == 3 && enrolment.isActive(at: now)
                    && !scenario.completions.contains { $0.userID == enrolment.userID && $0.courseID == 3 }
                    && scenario.users.contains { $0.id == enrolment.userID && !$0.suspended && !$0.deleted }
            })
        region.north.complete(userID: open.userID, courseID: 3, at: 1_767_000_000)
        region.north.resetCounters()
        let next = await region.sync(timeout: .seconds(120))
        await region.stop()
        #expect(next.failures.map(\.message) == [])
        #expect(region.north.requestCount(for: Self.status) == 1)
        #expect(next.sites.first { $0.site == "north" }?.newCredits == 1)
        #expect(try await region.ledger.entries(person: nil).count == ledgerCredits + 1)
    }

    @Test("check says when the service lacks the completed-flags function, and what it costs")
    func checkNamesTheFlagsFunction() async throws {
        let region = try await TwoSiteRegion()
        let site = try #require(region.mapping.sites.first { $0.id == "north" })
        let before = try await region.check(site).run()
        region.north.removeFunction(Self.flags, fromService: "credit_bridge")
        let after = try await region.check(site).run()
        await region.stop()
        #expect(!before.notes.contains { $0.contains(Self.flags) })
        #expect(after.notes.contains { $0.contains("add \(Self.flags)") && $0.contains("every pair not yet credited") })
        #expect(after.usable)
    }
}
