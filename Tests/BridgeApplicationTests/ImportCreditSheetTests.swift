import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("Import a credit sheet")
struct ImportCreditSheetTests {
    let good = """
        СНИЛС;Фамилия;Имя;Модуль;Дата
        112-233-445 95;Кузнецова;Ирина;OCH-MET-01;14.03.2026
        087-654-303 00;Орлов;Сергей;OCH-ADM-01;20.03.2026
        """
    let bad = """
        СНИЛС;Фамилия;Имя;Модуль;Дата
        112-233-445 95;Кузнецова;Ирина;OCH-MET-01;14.03.2026
        087-654-303 00;Орлов;Сергей;OCH-ADM-99;31.02.2026
        """

    func importSheet(
        _ text: String, _ fixture: Fixture, skipInvalid: Bool = false, dryRun: Bool = false
    ) async throws -> ImportCreditSheet.Result {
        try await ImportCreditSheet(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(
                path: "sheets/march.csv", contents: Array(text.utf8), operator: "Петрова", skipInvalid: skipInvalid,
                dryRun: dryRun))
    }

    @Test("a sheet is written whole; the same sheet again writes nothing new")
    func whole() async throws {
        let fixture = try Fixture()
        let first = try await importSheet(good, fixture)
        #expect(!first.isRefused && first.written == 2 && first.validRows == 2 && first.encoding == "UTF-8")
        let again = try await importSheet(good, fixture)
        #expect(again.written == 0 && again.alreadyInLedger == 2)
        let batch = try #require(try await fixture.ledger.batches().first)
        #expect(batch.description == "credit sheet march.csv (UTF-8)" && batch.actor == "Петрова")
    }

    @Test("a bad row refuses the whole sheet, every problem named with its row and column")
    func allOrNothing() async throws {
        let fixture = try Fixture()
        let refused = try await importSheet(bad, fixture)
        #expect(refused.isRefused && refused.written == 0 && refused.invalidRows == [3])
        #expect(
            refused.problems == [
                "sheets/march.csv: row 3, column Модуль: unknown module 'OCH-ADM-99'; it is not in the mapping files",
                "sheets/march.csv: row 3, column Дата: '31.02.2026' is not a date; write dd.mm.yyyy, e.g. 14.03.2026",
            ])
        #expect(try await fixture.ledger.entryCount() == 0)
        let skipped = try await importSheet(bad, fixture, skipInvalid: true)
        #expect(!skipped.isRefused && skipped.written == 1)
    }

    @Test("a dry run checks the sheet and writes nothing")
    func dryRun() async throws {
        let fixture = try Fixture()
        let checked = try await importSheet(good, fixture, dryRun: true)
        #expect(checked.validRows == 2 && checked.written == 0 && checked.dryRun)
        #expect(try await fixture.ledger.entryCount() == 0)
    }

    @Test("a credit added by hand and the same sheet row are one credit")
    func sameAsByHand() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        let imported = try await importSheet(good, fixture)
        #expect(imported.written == 1 && imported.alreadyInLedger == 1)
    }

    @Test("a sheet that takes a learner to 72 h makes the certificate due at once")
    func certificateDueAtOnce() async throws {
        let fixture = try Fixture()
        let sheet = """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            087-654-303 00;Орлова;Елена;OCH-MET-01;10.03.2026
            087-654-303 00;Орлова;Елена;OCH-ADM-01;20.03.2026
            087-654-303 00;Орлова;Елена;OCH-ICT-01;30.03.2026
            """
        let imported = try await importSheet(sheet, fixture)
        #expect(imported.written == 3)
        let due = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(dryRun: true))
        #expect(due.documents.map(\.kind) == ["certificate"])
        #expect(due.documents.first?.name == "Орлова Елена")
        #expect(due.documents.first?.hours == 78)
    }
}
