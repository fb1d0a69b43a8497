import BridgeConfig
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import LedgerSQLite
import Logging
import MoodleClient
import Testing

/// The sync reads the ledger a bounded number of times a page of completions, never once a row.
@Suite("Ledger reads per page", .serialized)
struct LedgerReadsPerPageTests {
    static func run(
        _ server: FakeMoodleServer, url: URL, ledger: CountingLedger, classic: Bool, full: Bool
    ) async
        -> SyncRunner.Summary
    {
        let mapping = RegionMapping(
            sites: [
                SiteConfig(id: "big", name: "big", hoursField: "hours", identity: [.profileField("snils"), .email])
            ],
            programs: [ProgramMapping(program: Program(id: "PK-72", title: "Free", kind: .freeChoice(allowed: nil)))])
        let connection = SiteConnection(
            site: "big", baseURL: url, token: .environment("UNUSED"), completionReportID: classic ? nil : 1)
        return await SyncRunner(
            configuration: RegionConfiguration(mapping: mapping, connections: ["big": connection]), ledger: ledger,
            logger: Logger(label: "test")
        ) { _, connection in
            MoodleSite(
                configuration: MoodleSiteConfiguration(
                    baseURL: connection.baseURL, token: MoodleToken(Scenario.serviceToken), timeout: .seconds(120),
                    language: "en"))
        }.run(
            sites: nil,
            options: SyncOptions(
                isFull: full, now: Date(timeIntervalSince1970: 1_767_225_600),
                runID: "run-\(UUID().uuidString.prefix(8))"),
            progress: { _ in })
    }

    @Test("report path: two reads a page (keys held, persons by keys), none a row, whatever the page's size")
    func reportPath() async throws {
        var scenario = Scenario.generate(seed: 3, users: 700, courses: 6, completionRate: 0.5)
        scenario.reports[0].columns = ReportColumn.complete
        let server = FakeMoodleServer(scenario: scenario)
        let url = try await server.start()
        let ledger = CountingLedger(try SQLiteLedger())
        let summary = await Self.run(server, url: url, ledger: ledger, classic: false, full: true)
        let pages = server.requestCount(for: MoodleFunction.retrieveReport)
        let reads = ledger.reads
        await server.stop()
        #expect(summary.failures.map(\.message) == [])
        #expect(summary.newCredits > SyncCost.reportPageSize && pages >= 2, "\(summary.newCredits) credits")
        #expect(reads["contains", default: 0] == 0 && reads["person", default: 0] == 0, "\(reads)")
        #expect(reads["idempotencyKeys", default: 0] <= pages, "\(reads)")
        #expect(reads["personsByKeys", default: 0] <= pages, "\(reads)")
    }

    @Test("classic path: one read of held keys a course, persons read a page at a time, none a row")
    func classicPath() async throws {
        let scenario = Scenario.generate(seed: 4, users: 300, courses: 4, completionRate: 0.5)
        let server = FakeMoodleServer(scenario: scenario)
        let url = try await server.start()
        let ledger = CountingLedger(try SQLiteLedger())
        let first = await Self.run(server, url: url, ledger: ledger, classic: true, full: true)
        let reads = ledger.reads
        ledger.reset()
        let again = await Self.run(server, url: url, ledger: ledger, classic: true, full: false)
        let nightly = ledger.reads
        await server.stop()
        #expect(first.failures.map(\.message) == [])
        #expect(again.failures.map(\.message) == [])
        let courses = try #require(first.sites.first?.coursesMapped)
        #expect(first.newCredits > 100 && again.newCredits == 0)
        for counted in [reads, nightly] {
            #expect(counted["contains", default: 0] == 0 && counted["person", default: 0] == 0, "\(counted)")
            // A course's participants, then its pairs' statuses: each a page of the writer.
            #expect(counted["idempotencyKeys", default: 0] <= 2 * courses, "\(counted)")
            #expect(counted["personsByKeys", default: 0] <= courses, "\(counted)")
        }
    }
}
