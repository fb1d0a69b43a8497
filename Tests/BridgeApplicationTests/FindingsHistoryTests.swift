import BridgeApplication
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import LedgerSQLite
import MoodleClient
import Testing

/// The findings history end to end, on the fake Moodle: a sync opens a finding, the next one sees
/// it again, a sync after the cause is fixed in Moodle resolves it, and an acknowledged one stays.
@Suite("Findings history")
struct FindingsHistoryTests {
    /// The small fake site, plus a learner with no idnumber (the only key the mapping matches by)
    /// who completed MOD-1, and a course with completion tracking that no module maps.
    static func scenario() -> Scenario {
        var scenario = Scenario.small()
        scenario.users.append(User(id: 6, username: "learner3", firstname: "Vera", lastname: "Sidorova"))
        scenario.enrolments.append(Enrolment(userID: 6, courseID: 2, timeStart: 1_735_689_600))
        scenario.completions.append(Completion(userID: 6, courseID: 2, timeCompleted: 1_740_900_000))
        scenario.courses.append(Course(id: 7, shortname: "NO-HOURS", fullname: "Without hours", categoryID: 2))
        return scenario
    }

    static let day1 = Date(timeIntervalSince1970: 1_767_261_600)  // 2026-01-01 10:00 UTC

    static func sync(
        _ url: URL, _ ledger: SQLiteLedger, at date: Date, full: Bool = false
    ) async throws
        -> SyncRunner.Summary
    {
        try await SyncRegion(
            configuration: SyncRegionTests.configuration(url), ledger: { ledger }, connect: SyncRegionTests.connect,
            now: { date }
        ).run(full: full)
    }

    @Test("a finding opens, is seen again, is resolved by the run after the fix; an acknowledged one stays")
    func history() async throws {
        let server = FakeMoodleServer(scenario: Self.scenario())
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let ledger = try SQLiteLedger()
        let mapping = SyncRegionTests.configuration(url).mapping

        // 1. The first sync (full: the first run of a site always is) opens both findings.
        let first = try await Self.sync(url, ledger, at: Self.day1)
        #expect(first.failures.isEmpty, "\(first.failures.map(\.message))")
        #expect(first.newFindings == 2)
        var open = try await ListFindings(mapping: mapping, ledger: { ledger }, now: Self.day1).run(.init())
        #expect(Set(open.findings.map(\.key.kind)) == [.unmatchedUser, .unmappedCourse])
        let unmatched = try #require(open.findings.first { $0.key.kind == .unmatchedUser })
        #expect(unmatched.key.subject == "course:2/user:learner3")
        let firstRun = unmatched.firstSeenRun

        // 2. A day later, an incremental sync sees them again: last seen moves, first seen stays.
        let day2 = Self.day1.addingTimeInterval(86_400)
        let second = try await Self.sync(url, ledger, at: day2)
        #expect(second.newFindings == 0)
        #expect(second.sites.first?.isFull == false)
        var seen = try #require(try await ledger.findings(FindingFilter(id: unmatched.id)).first)
        #expect(seen.state == .open)
        #expect(seen.firstSeenAt == Self.day1 && seen.firstSeenRun == firstRun)
        #expect(seen.lastSeenAt == day2 && seen.lastSeenRun != firstRun)
        // Nothing is new since the second day; both were new since the first.
        #expect(
            try await ListFindings(mapping: mapping, ledger: { ledger }, now: day2).run(.init(since: "today"))
                .findings.isEmpty)
        open = try await ListFindings(mapping: mapping, ledger: { ledger }, now: day2).run(.init(since: "yesterday"))
        #expect(open.findings.count == 2)

        // The unmapped course is acknowledged by the use case, with a reason.
        let course = try #require(open.findings.first { $0.key.kind == .unmappedCourse })
        let acknowledged = try await AcknowledgeFinding(ledger: { ledger }, now: day2)
            .run(.init(id: course.id, by: "ivanova", reason: "an orientation course, no hours"))
        #expect(acknowledged.state == .acknowledged)
        #expect(acknowledged.acknowledgement?.reason == "an orientation course, no hours")
        // Twice is refused, and so is an empty reason or an unknown finding.
        let twice = await #expect(throws: ApplicationError.self) {
            try await AcknowledgeFinding(ledger: { ledger }).run(.init(id: course.id, by: "ivanova", reason: "again"))
        }
        #expect(twice?.message.contains("acknowledged, not open") == true)
        await #expect(throws: ApplicationError.self) {
            try await AcknowledgeFinding(ledger: { ledger }).run(.init(id: unmatched.id, by: "ivanova", reason: " "))
        }
        let unknown = await #expect(throws: ApplicationError.self) {
            try await AcknowledgeFinding(ledger: { ledger }).run(.init(id: 9999, by: "ivanova", reason: "x"))
        }
        #expect(unknown?.kind == .unknown)

        // 3. The learner's idnumber is filled in Moodle: the next sync credits them and resolves the
        //    finding; the acknowledged course, seen again, stays acknowledged.
        server.updateScenario { scenario in
            if let index = scenario.users.firstIndex(where: { $0.id == 6 }) { scenario.users[index].idnumber = "PED-3" }
        }
        let day3 = day2.addingTimeInterval(86_400)
        let third = try await Self.sync(url, ledger, at: day3)
        #expect(third.newCredits == 1)
        #expect(third.resolvedFindings == 1)
        seen = try #require(try await ledger.findings(FindingFilter(id: unmatched.id)).first)
        #expect(seen.state == .resolved)
        let thirdRun = try #require(try await ledger.syncRuns(limitPerSite: 1).first?.runID)
        #expect(seen.resolution?.run == thirdRun)
        #expect(seen.resolution?.at == day3)
        let stays = try #require(try await ledger.findings(FindingFilter(id: course.id)).first)
        #expect(stays.state == .acknowledged && stays.lastSeenAt == day3)
        #expect(try await ListFindings(mapping: mapping, ledger: { ledger }, now: day3).run(.init()).findings.isEmpty)
        let resolved = try await ListFindings(mapping: mapping, ledger: { ledger }, now: day3)
            .run(.init(state: "resolved"))
        #expect(resolved.findings.map(\.id) == [unmatched.id])
    }

    @Test("a dry run records nothing; a bad state, site or day is refused naming it")
    func dryRunAndBadInput() async throws {
        let server = FakeMoodleServer(scenario: Self.scenario())
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let ledger = try SQLiteLedger()
        let summary = try await SyncRegion(
            configuration: SyncRegionTests.configuration(url), ledger: { ledger }, connect: SyncRegionTests.connect
        ).run(dryRun: true)
        #expect(!summary.findings.isEmpty && summary.newFindings == nil)
        #expect(try await ledger.findings(FindingFilter()).isEmpty)

        let list = ListFindings(mapping: SyncRegionTests.configuration(url).mapping, ledger: { ledger })
        for (input, words) in [
            (ListFindings.Input(state: "closed"), "--state closed"), (.init(site: "nowhere"), "unknown site nowhere"),
            (.init(since: "last week"), "--since last week"), (.init(kind: "oddity"), "oddity is not a finding kind"),
        ] {
            let error = await #expect(throws: ApplicationError.self) { try await list.run(input) }
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        }
    }
}
