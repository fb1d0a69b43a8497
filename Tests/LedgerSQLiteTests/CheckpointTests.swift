import CreditCore
import Foundation
import GRDB
import LedgerConformance
import LedgerSQLite
import Testing

/// The checkpoint beside a ledger file catches an end cut off with its head rewritten to match,
/// which the hash chain alone cannot.
@Suite("Ledger checkpoint")
struct CheckpointTests {
    typealias F = LedgerFixtures

    @Test("entries cut off the end, the head and the standing tables rewritten to match: verify names the checkpoint")
    func cutOffEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try SQLiteLedger(path: path)
        _ = try await ledger.append(
            F.batch("b1", [F.credit("p1", "ICT-01"), F.credit("p1", "ICT-02"), F.credit("p1", "ICT-03")]))
        _ = try await ledger.append(F.batch("b2", [F.credit("p2", "ICT-01"), F.credit("p2", "ICT-02")]))
        #expect(try await ledger.verify().isIntact)
        #expect(try String(contentsOfFile: path + ".checkpoint", encoding: .utf8).hasPrefix("entries 5\n"))

        // The attacker holds the database: removes E4 and E5 with everything derived from them,
        // and makes the head say 3 entries ending at E3.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            let third = try String.fetchOne(db, sql: "SELECT hash FROM entries WHERE id = 'E3'")!
            for sql in [
                "DROP TRIGGER entries_refuse_delete", "DELETE FROM entries WHERE id IN ('E4', 'E5')",
                "DELETE FROM standing_credits WHERE person_id = 'p2'",
                "DELETE FROM standing_modules WHERE person_id = 'p2'",
                "DELETE FROM person_totals WHERE person_id = 'p2'",
                "DELETE FROM standing_months WHERE person_id = 'p2'",
            ] {
                try db.execute(sql: sql)
            }
            try db.execute(sql: "UPDATE ledger_head SET count = 3, hash = ?", arguments: [third])
        }
        let verification = try await SQLiteLedger(path: path).verify()
        #expect(verification.problem == .checkpointDiffers(file: path + ".checkpoint", entries: 5, found: 3))
        #expect(verification.problem?.description.contains("records 5 entries but the ledger holds 3") == true)

        // Without the checkpoint the chain alone is satisfied: that is what the checkpoint is for.
        try FileManager.default.removeItem(atPath: path + ".checkpoint")
        #expect(try await SQLiteLedger(path: path).verify().isIntact)
    }

    @Test("a merge-log event cut off the end, which changes no standing: verify names the checkpoint")
    func cutOffMerge() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try SQLiteLedger(path: path)
        _ = try await ledger.append(
            F.batch("b1", [F.credit("p1", "ICT-01")], persons: [F.person("p1"), F.person("p2")]))
        // p2 has no credit: removing the merge changes no standing table.
        _ = try await ledger.recordPersonMerge(
            PersonMerge(kind: .merge, keep: "p1", other: "p2", reason: "one teacher", actor: "petrova", recordedAt: F.now))
        #expect(try await ledger.verify().isIntact)
        let text = try String(contentsOfFile: path + ".checkpoint", encoding: .utf8)
        #expect(text.hasPrefix("entries 1\n") && text.contains("merges 1\n"))
        // Appending keeps what the checkpoint records of the merge log.
        _ = try await ledger.append(F.batch("b2", [F.credit("p1", "ICT-02")]))
        #expect(try String(contentsOfFile: path + ".checkpoint", encoding: .utf8).contains("merges 1\n"))

        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER person_merges_refuse_delete")
            try db.execute(sql: "DELETE FROM person_merges")
        }
        let verification = try await SQLiteLedger(path: path).verify()
        #expect(verification.problem == .mergeCheckpointDiffers(file: path + ".checkpoint", merges: 1, found: 0))
        #expect(verification.problem?.description.contains("records 1 merge-log event(s) but the log holds 0") == true)
    }

    @Test("a new ledger file at the path of a deleted one starts without the old checkpoint")
    func newLedgerStartsClean() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        _ = try await SQLiteLedger(path: path).append(
            F.batch("b1", [F.credit("p1", "ICT-01"), F.credit("p1", "ICT-02")]))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let fresh = try SQLiteLedger(path: path)
        _ = try await fresh.append(F.batch("b1", [F.credit("p9", "ICT-05")]))
        #expect(try await fresh.verify().isIntact)
    }
}
