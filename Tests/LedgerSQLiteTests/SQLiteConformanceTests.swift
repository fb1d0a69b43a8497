import CreditCore
import Foundation
import GRDB
import LedgerConformance
import LedgerSQLite
import Testing

/// The ledger guarantees, on SQLite: a fresh database file per case, opened anew for each
/// connection the case asks for, as separate processes would.
@Suite("Ledger conformance: SQLite")
struct SQLiteConformanceTests {
    @Test(arguments: LedgerConformance.allCases)
    func conformance(_ check: LedgerConformance) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        _ = try SQLiteLedger(path: path)
        let backend = LedgerBackend(
            open: { try SQLiteLedger(path: path) },
            execute: { sql in
                let queue = try DatabaseQueue(path: path)
                try await queue.write { try $0.execute(sql: sql) }
            },
            liftEntryGuards: ["DROP TRIGGER entries_refuse_update", "DROP TRIGGER entries_refuse_delete"],
            liftMergeGuards: ["DROP TRIGGER person_merges_refuse_update", "DROP TRIGGER person_merges_refuse_delete"],
            liftDocumentGuards: ["DROP TRIGGER documents_refuse_update", "DROP TRIGGER document_modules_refuse_update"])
        try await check.run(on: backend)
    }
}
