import Foundation
import LedgerSQLite
import Testing

/// Writes the fixture ledger and persons file to disk for trying the CLI by hand:
/// `REPORT_FIXTURE_LEDGER=/tmp/fixture.sqlite swift test --filter FixtureLedgerExport`.
@Suite("Fixture ledger export")
struct FixtureLedgerExport {
    static let path = ProcessInfo.processInfo.environment["REPORT_FIXTURE_LEDGER"]

    @Test("Writes the fixture ledger to REPORT_FIXTURE_LEDGER", .enabled(if: path != nil))
    func export() async throws {
        let path = try #require(Self.path)
        try? FileManager.default.removeItem(atPath: path)
        _ = try await ReportFixture.make(ledger: try SQLiteLedger(path: path))
        try? FileManager.default.removeItem(atPath: path + ".unissued.sqlite")
        _ = try await ReportFixture.make(
            ledger: try SQLiteLedger(path: path + ".unissued.sqlite"), issueDocuments: false)
        try Data(ReportFixture.personsCSV.utf8).write(to: URL(fileURLWithPath: path + ".fixture-persons.csv"))
    }
}
