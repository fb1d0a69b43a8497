import CreditCore
import Foundation
import GRDB
import Testing

@testable import LedgerSQLite

/// A ledger whose documents were issued before they stored their content: the migration keeps
/// them as they are, and numbering goes on without repeating a number.
@Suite("SQLite: documents issued before the documents migration")
struct DocumentMigrationTests {
    @Test("old documents read back with their hours and no modules; each series continues after them")
    func oldDocumentsStay() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(old, upTo: "v1: ledger, persons, routes, documents")
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO documents (registration_number, year, number, kind, route_id, person_id, hours, issued_at)
                    VALUES ('2026-00001', 2026, 1, 'certificate', 'r1', 'p1', 76, 1780000000),
                           ('2026-00002', 2026, 2, 'statement', 'r2', 'p2', 40, 1780000000);
                    INSERT INTO document_counters (year, last) VALUES (2026, 2);
                    """)
        }
        try old.close()

        let ledger = try SQLiteLedger(path: path)
        let documents = try await ledger.documents()
        #expect(documents.map(\.registrationNumber) == ["2026-00001", "2026-00002"])
        #expect(documents.map(\.request.hours) == [76, 40])
        #expect(documents.allSatisfy { $0.request.content == nil && $0.request.verificationCode == nil })
        #expect(documents.map(\.seriesNumber) == [1, 2])

        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let issued = try await ledger.issueDocuments([
            DocumentRequest(kind: .certificate, route: "r3", person: "p3", hours: 72, issuedAt: now, year: 2026),
            DocumentRequest(kind: .statement, route: "r4", person: "p4", hours: 30, issuedAt: now, year: 2026),
            DocumentRequest(
                kind: .cancellation, route: "r1", person: "p1", hours: 76, issuedAt: now, year: 2026,
                cancels: "2026-00001"),
        ])
        #expect(issued.map(\.registrationNumber) == ["2026-00003", "С-2026-00003", "А-2026-00003"])
        // The old certificate's route may be given a new one now that it is cancelled.
        let again = try await ledger.issueDocuments([
            DocumentRequest(kind: .certificate, route: "r1", person: "p1", hours: 76, issuedAt: now, year: 2026)
        ])
        #expect(again.map(\.registrationNumber) == ["2026-00004"])
    }
}
