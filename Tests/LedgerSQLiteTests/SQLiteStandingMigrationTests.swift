import CreditCore
import Foundation
import GRDB
import LedgerConformance
import LedgerSQLite
import Testing

/// A ledger written before the standing tables existed gets them filled from its entries when it is
/// opened, and kept from then on.
@Suite("SQLite ledger: the standing tables' migration")
struct SQLiteStandingMigrationTests {
    @Test("opening a ledger without the standing tables fills them from the entries")
    func backfill() async throws {
        typealias F = LedgerFixtures
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try SQLiteLedger(path: path)
        _ = try await ledger.append(
            F.batch(
                "b1",
                [
                    F.credit("p1", "ICT-01", hours: 36, on: 3), F.credit("p1", "ICT-01", hours: 36, key: "north/ICT-01/p1"),
                    F.credit("p1", "ICT-02", hours: 6), F.credit("p2", "SEM-01", hours: 8, on: 40, form: .seminar),
                ],
                persons: [F.person("p1"), F.person("p2", category: .methodist)]))
        let earliest = try await ledger.entries(person: "p1").first { $0.idempotencyKey == "north/ICT-01/p1" }!
        _ = try await ledger.append(F.batch("b2", [F.reversal(of: earliest.id, "p1", "ICT-01", hours: 36)]))

        // The ledger as the first schema left it.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            for trigger in [
                "entries_stand_credit", "entries_unstand_credit", "standing_modules_added", "standing_modules_changed",
                "standing_modules_removed",
            ] {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            for table in ["standing_credits", "standing_modules", "person_totals", "standing_months", "ledger_settings"] {
                try db.execute(sql: "DROP TABLE \(table)")
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v5:%'")
        }
        try queue.close()

        let reopened = try SQLiteLedger(path: path)
        #expect(try await reopened.standingTotals().count == 2)
        try await LedgerConformance.expectStandingMatchesEntries(reopened)
        _ = try await reopened.append(F.batch("b3", [F.credit("p2", "ICT-01", hours: 36, on: 1)]))
        try await LedgerConformance.expectStandingMatchesEntries(reopened)
        #expect(
            try await reopened.standingTotals() == [
                PersonTotal(person: "p1", modules: 2, hours: 42), PersonTotal(person: "p2", modules: 2, hours: 44),
            ])
    }
}
