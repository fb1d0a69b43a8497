import BridgeApplication
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// What the report path costs in requests: the report's own columns carry identity, so a complete
/// report needs no user look-up; a report lacking them looks up only users the ledger does not know.
@Suite("Report path requests", .serialized)
struct ReportPathRequestsTests {
    static let siteInfo = "core_webservice_get_site_info"
    static let courses = "core_course_get_courses_by_field"
    static let filtersReset = "core_reportbuilder_filters_reset"
    static let retrieve = "core_reportbuilder_retrieve_report"
    static let lookUp = "core_user_get_users_by_field"

    @Test("a full sync with a complete report: site info, courses, filters reset, one request a page, no look-up")
    func completeReport() async throws {
        let region = try await TwoSiteRegion { scenario in scenario.reports[0].columns = ReportColumn.complete }
        // A generous timeout: a request retried after a timeout on a loaded machine would count twice.
        let summary = await region.sync(full: true, timeout: .seconds(120))
        let counts = region.ripk.requestCounts
        let scenario = region.ripk.scenario
        await region.stop()
        #expect(summary.failures.map(\.message) == [])
        #expect(counts == [Self.siteInfo: 1, Self.courses: 1, Self.filtersReset: 1, Self.retrieve: 1], "\(counts)")
        // Every credit still matches Moodle's truth, and every person has the names and id the row gave.
        let expected = region.expectedCredits().filter { $0.site == "ripk" }
        #expect(try await region.actualCredits().filter { $0.site == "ripk" } == expected)
        let users = Dictionary(scenario.users.map { ($0.email.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for person in try await region.ledger.persons() {
            guard let email = person.email?.lowercased(), let user = users[email] else { continue }
            #expect(person.lastName == user.lastname && person.firstName == user.firstname)
        }
        let userIDs = try await region.ledger.entries(person: nil).compactMap { entry -> Int? in
            guard case .moodle("ripk", _, let userID) = entry.source else { return nil }
            return userID
        }
        #expect(!userIDs.isEmpty && !userIDs.contains(0))
    }

    @Test("a report without the name columns: only users new to the ledger are looked up, 100 a request")
    func lookUpsOnlyForNewUsers() async throws {
        let region = try await TwoSiteRegion()
        let first = await region.sync(full: true, timeout: .seconds(120))
        let newUsers = Set(
            region.expectedCredits().filter { $0.site == "ripk" }.map(\.email)
        ).count
        let firstCount = region.ripk.requestCount(for: Self.lookUp)
        #expect(first.failures.map(\.message) == [])
        #expect(newUsers > 0 && firstCount == (newUsers + 99) / 100, "\(newUsers) users, \(firstCount) look-ups")
        // Known users completing more courses: no look-up at all.
        let scenario = region.ripk.scenario
        let known = try #require(
            scenario.completions.first.flatMap { done in scenario.users.first { $0.id == done.userID } })
        let open = try #require(
            scenario.enrolments.first { enrolment in
                enrolment.userID == known.id
                    && !scenario.completions.contains { $0.userID == known.id && $0.courseID == enrolment.courseID }
            })
        region.ripk.resetCounters()
        region.ripk.complete(userID: known.id, courseID: open.courseID, at: 1_767_000_000)
        let second = await region.sync(full: true, timeout: .seconds(120))
        #expect(second.failures.map(\.message) == [])
        #expect(region.ripk.requestCount(for: Self.lookUp) == 0)
        await region.stop()
    }

    @Test("check reads the report's headers and names the columns whose absence costs look-ups")
    func checkNamesLackingColumns() async throws {
        for (columns, lacking) in [
            (ReportColumn.captured, ["Full name with link (the Moodle user id)", "First name", "Last name"]),
            (ReportColumn.complete, []),
        ] {
            let region = try await TwoSiteRegion { scenario in scenario.reports[0].columns = columns }
            let site = try #require(region.mapping.sites.first)
            let report = try await region.check(site).run()
            await region.stop()
            #expect(report.problems.map(\.message) == [])
            let note = report.notes.first { $0.contains("lacks") }
            if lacking.isEmpty {
                #expect(note == nil, "\(report.notes)")
            } else {
                #expect(
                    note?.contains("lacks \(lacking.joined(separator: ", ")): each sync looks up") == true,
                    "\(report.notes)")
            }
        }
        // A report without a required column cannot be read: a problem, not a note.
        let region = try await TwoSiteRegion { scenario in
            scenario.reports[0].columns = ReportColumn.captured.filter { $0 != .timeCompleted }
        }
        let site = try #require(region.mapping.sites.first)
        let report = try await region.check(site).run()
        await region.stop()
        #expect(report.problems.map(\.cause) == ["report-columns-missing"])
        #expect(report.problems.first?.message.contains("lacks the column(s) Time completed") == true)
    }
}
