import BridgeApplication
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import MoodleClient
import Testing

/// The request counts `check` predicts are the counts the sync makes.
@Suite("Sync cost", .serialized)
struct SyncCostTests {
    @Test("a batch holds 50 calls, and a refused call ends its request early")
    func batches() {
        #expect(SyncCost.batches(0) == 0)
        #expect(SyncCost.batches(50) == 1)
        #expect(SyncCost.batches(120) == 3)
        // Calls 0…10 in the first request (10 refused), 11…60, 61…110, 111…119.
        #expect(SyncCost.batches(120, refused: [10]) == 4)
        // A refused last call of a batch changes nothing.
        #expect(SyncCost.batches(100, refused: [49]) == 2)
    }

    @Test("pages: a report page holds 500 rows; a full participants page asks for the next")
    func pages() {
        #expect(SyncCost.reportPages(0) == 1)
        #expect(SyncCost.reportPages(500) == 1)
        #expect(SyncCost.reportPages(501) == 2)
        #expect(SyncCost.enrolledPages(499) == 1)
        #expect(SyncCost.enrolledPages(500) == 2)
    }

    @Test("the report path: a full sync, and a nightly run with nothing new at 3 requests")
    func reportPath() {
        let full = SyncCost.ReportPath(isFull: true, rows: 1_200, hasNewRows: true)
        #expect(
            full.requests == [
                MoodleFunction.getSiteInfo: 1, MoodleFunction.getCoursesByField: 1,
                MoodleFunction.resetReportFilters: 1, MoodleFunction.retrieveReport: 3,
            ])
        #expect(SyncCost.ReportPath(isFull: false, rows: 20, hasNewRows: false).total == 3)
        // Without the filter functions every run reads the whole report.
        #expect(SyncCost.ReportPath(isFull: false, rows: 1_200, canFilter: false, hasNewRows: false).total == 4)
    }

    /// The north site's mapped courses, its enrolled users and learners per course, and the pairs the
    /// ledger has credited — all read from the fake's scenario and the ledger, not from the sync.
    private func classicSizes(_ region: TwoSiteRegion) async throws -> (enrolled: [Int], learnersToFlag: Int) {
        let scenario = region.north.scenario
        let mapped = scenario.courses.filter { course in
            region.mapping.module(
                site: "north", courseID: course.id, idnumber: course.idnumber, shortname: course.shortname) != nil
        }.map(\.id).sorted()
        let credited = Set(
            try await region.ledger.entries(person: nil).filter(\.isCredit).compactMap { entry -> String? in
                guard case .moodle("north", let course, let user) = entry.source else { return nil }
                return "\(course)/\(user)"
            })
        let existing = Set(scenario.users.map(\.id))
        var enrolled: [Int] = []
        var toFlag: Set<Int> = []
        for course in mapped {
            let rows = scenario.enrolments.filter { $0.courseID == course && existing.contains($0.userID) }
            let users = Set(rows.map(\.userID))
            enrolled.append(users.count)
            for user in users {
                let roles = rows.filter { $0.userID == user }.flatMap { $0.role.split(separator: ",") }
                let isLearner = roles.isEmpty || roles.contains("student")
                if isLearner, !credited.contains("\(course)/\(user)") { toFlag.insert(user) }
            }
        }
        return (enrolled, toFlag.count)
    }

    @Test("the classic path makes the predicted count, with batching and without")
    func classicPredicted() async throws {
        let region = try await TwoSiteRegion()
        let first = await region.sync(full: true, timeout: .seconds(120))
        #expect(first.failures.map(\.message) == [])

        let sizes = try await classicSizes(region)
        #expect(sizes.learnersToFlag > 0)
        region.north.resetCounters()
        _ = await region.sync(timeout: .seconds(120))
        let batched = SyncCost.ClassicPath(
            enrolledPerCourse: sizes.enrolled, learnersToFlag: sizes.learnersToFlag, batching: true)
        #expect(region.north.requestCounts == batched.requests)

        region.north.removeFunction(MoodleFunction.callExternalFunctions, fromService: "credit_bridge")
        region.north.resetCounters()
        _ = await region.sync(timeout: .seconds(120))
        let plain = SyncCost.ClassicPath(
            enrolledPerCourse: sizes.enrolled, learnersToFlag: sizes.learnersToFlag, batching: false)
        #expect(region.north.requestCounts == plain.requests)
        #expect(plain.total > batched.total)
        await region.stop()
    }

    @Test("check counts the classic path's learners and says what batching saves")
    func checkPredicts() async throws {
        let region = try await TwoSiteRegion()
        let site = try #require(region.mapping.sites.first { $0.id == "north" })
        let check = try region.check(site, mapping: region.mapping)
        let batched = try #require(await check.run().expectedRequests)
        region.north.resetCounters()
        _ = await region.sync(full: true, timeout: .seconds(120))
        let firstFull = region.north.totalRequestCount
        region.north.resetCounters()
        _ = await region.sync(timeout: .seconds(120))
        let nothingNew = region.north.totalRequestCount
        // A first full sync asks the status of each completion on top; a nightly run flags only
        // learners with a pair left, so the check's figure is a bound it meets.
        #expect(batched.fullSync < firstFull)
        #expect(nothingNew <= batched.nothingNew && batched.nothingNewWithOptional == nil)

        region.north.removeFunction(MoodleFunction.callExternalFunctions, fromService: "credit_bridge")
        let report = await check.run()
        let plain = try #require(report.expectedRequests)
        #expect(plain.nothingNewWithOptional == batched.nothingNew)
        #expect(plain.optionalFunctions == [MoodleFunction.callExternalFunctions])
        #expect(plain.nothingNew > batched.nothingNew)
        let note = try #require(report.notes.first { $0.contains("add \(MoodleFunction.callExternalFunctions)") })
        #expect(note.contains("at most \(batched.nothingNew) requests instead of \(plain.nothingNew)"))
        await region.stop()
    }

    @Test("check's figures for the report path are the requests a full and a nightly run make")
    func checkPredictsReportPath() async throws {
        let region = try await TwoSiteRegion { scenario in scenario.reports[0].columns = ReportColumn.complete }
        let site = try #require(region.mapping.sites.first { $0.id == "ripk" })
        let expected = try #require(try await region.check(site, mapping: region.mapping).run().expectedRequests)
        region.ripk.resetCounters()
        _ = await region.sync(full: true, timeout: .seconds(120))
        let full = region.ripk.totalRequestCount
        region.ripk.resetCounters()
        _ = await region.sync(timeout: .seconds(120))
        let nightly = region.ripk.totalRequestCount
        await region.stop()
        #expect(expected.fullSync == full)
        #expect(expected.nothingNew == nightly && nightly == 3)
    }
}
