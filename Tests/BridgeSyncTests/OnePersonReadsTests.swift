import BridgeApplication
import BridgeConfig
import BridgeSync
import CreditCore
import CreditReports
import FakeMoodle
import Foundation
import LedgerSQLite
import Testing

/// A command about one learner reads that learner's rows only — their person row, credits, routes
/// and documents — never every person's, however large the ledger: a learner's card, credit sheet
/// (on the console and as a report, by id or by SNILS) and statement.
@Suite("One learner's commands read that learner only", .serialized)
struct OnePersonReadsTests {
    @Test("card, credit sheet by id and by SNILS, console sheet and statement: no read of every person's rows")
    func onePersonOnly() async throws {
        let scenario = Scenario.generate(seed: 5, users: 120, courses: 4, completionRate: 0.6)
        let server = FakeMoodleServer(scenario: scenario)
        let url = try await server.start()
        let ledger = CountingLedger(try SQLiteLedger())
        let summary = await LedgerReadsPerPageTests.run(server, url: url, ledger: ledger, classic: false, full: true)
        await server.stop()
        #expect(summary.failures.map(\.message) == [])
        let totals = try await ledger.standingTotals()
        let credited = try #require(totals.max { $0.modules < $1.modules })
        let person = try #require(try await ledger.person(id: credited.person))
        let snils = try #require(person.snils, "the scenario's learners carry a SNILS")
        let mapping = RegionMapping(
            programs: [ProgramMapping(program: Program(id: "PK-72", title: "Free", kind: .freeChoice(allowed: nil)))])
        let opener: LedgerOpener = { ledger }
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        let route = Route(
            id: "R-ONE", person: person.id, program: "PK-72", start: now.addingTimeInterval(-400 * 86_400),
            deadline: now.addingTimeInterval(-30 * 86_400))
        try await ledger.openRoutes([route])
        ledger.reset()

        let card = try await LearnerCard(mapping: mapping, ledger: opener).run(person: person.id.rawValue)
        #expect(card.entries.count >= credited.modules)
        let sheet = try await LearnerCreditSheet(mapping: mapping, ledger: opener).run(person: person.id.rawValue)
        #expect(!sheet.table.rows.isEmpty)
        for key in [person.id.rawValue, snils.formatted] {
            let report = try await ExportReport(configuration: RegionConfiguration(mapping: mapping), ledger: opener).run(
                ExportReport.Input(kind: .creditSheet, criteria: ReportCriteria(person: key)))
            #expect(report.table.rows.count == sheet.table.rows.count, "by \(key)")
        }
        let statement = try await LearnerStatement(mapping: mapping, ledger: opener, now: now)
            .run(person: person.id.rawValue, route: "R-ONE")
        #expect(statement.totalHours > 0)
        #expect(ledger.wholeReads == [], "reads of every person's rows: \(ledger.wholeReads)")

        // The check can fail: a whole-ledger report reads every person's rows.
        _ = try await ExportReport(configuration: RegionConfiguration(mapping: mapping), ledger: opener).run(ExportReport.Input(kind: .centres))
        #expect(ledger.wholeReads.contains("standingCredits"))
    }
}
