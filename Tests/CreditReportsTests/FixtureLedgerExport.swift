import Foundation
import LedgerSQLite
import Testing

/// Writes the fixture ledger and persons file to disk, and checks the files are whole ledgers. To try
/// the CLI by hand on them: `REPORT_FIXTURE_LEDGER=/tmp/fixture.sqlite swift test --filter
/// FixtureLedgerExport` (without the variable they go to a temporary folder and are removed).
@Suite("Fixture ledger export")
struct FixtureLedgerExport {
    @Test("The fixture ledger written to a file reads back intact, with and without its documents")
    func export() async throws {
        let given = ProcessInfo.processInfo.environment["REPORT_FIXTURE_LEDGER"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString)")
        let path = given ?? folder.appendingPathComponent("fixture.sqlite").path
        if given == nil { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        defer { if given == nil { try? FileManager.default.removeItem(at: folder) } }
        try? FileManager.default.removeItem(atPath: path)
        let issued = try await ReportFixture.make(ledger: try SQLiteLedger(path: path))
        try? FileManager.default.removeItem(atPath: path + ".unissued.sqlite")
        _ = try await ReportFixture.make(
            ledger: try SQLiteLedger(path: path + ".unissued.sqlite"), issueDocuments: false)
        try Data(ReportFixture.personsCSV.utf8).write(to: URL(fileURLWithPath: path + ".fixture-persons.csv"))

        let reopened = try SQLiteLedger(path: path)
        #expect(try await reopened.verify().isIntact)
        #expect(
            Set(try await reopened.standingCredits(person: nil)) == Set(issued.snapshot.projection.standingCredits))
        #expect(try await reopened.documents().count == issued.snapshot.documents.count)
        #expect(try await SQLiteLedger(path: path + ".unissued.sqlite").documents().isEmpty)
    }
}
