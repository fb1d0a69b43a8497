import CreditCore
import Foundation
import GRDB

/// The merge log (``SQLitePersonMergesSchema``): reading it, and appending to it together with the
/// two persons' standing state.
extension SQLiteLedger {
    public func personMerges() async throws -> [RecordedPersonMerge] {
        try await writer.read { db in try Self.personMerges(db) }
    }

    public func recordPersonMerge(_ merge: PersonMerge) async throws -> RecordedPersonMerge {
        try await writer.writeWithoutTransaction { db in
            var recorded: RecordedPersonMerge?
            var checkpoint: LedgerCheckpoint?
            try db.inTransaction(.immediate) {
                let next = try PersonMergeChain.next(after: try Self.personMerges(db), merge)
                try db.execute(
                    sql: """
                        INSERT INTO person_merges (position, kind, keep_id, other_id, reason, actor, run_id, recorded_at, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        next.position, merge.kind.rawValue, merge.keep.rawValue, merge.other.rawValue, merge.reason,
                        merge.actor, merge.run, Int64(merge.recordedAt.timeIntervalSince1970), next.hash,
                    ])
                let rederive = SQLitePersonMergesSchema.rederive([merge.keep.rawValue, merge.other.rawValue])
                try db.execute(sql: rederive.sql, arguments: StatementArguments(rederive.arguments))
                recorded = next
                let head = try Row.fetchOne(db, sql: "SELECT count, hash FROM ledger_head")
                checkpoint = LedgerCheckpoint(
                    entries: head?["count"] ?? 0, head: head?["hash"] ?? LedgerChain.genesis, merges: next.position,
                    mergeHead: next.hash)
                return .commit
            }
            if let checkpoint, let file = checkpointPath { checkpoint.advance(file) }
            return recorded!
        }
    }

    static func personMerges(_ db: Database) throws -> [RecordedPersonMerge] {
        try Row.fetchAll(db, sql: "SELECT * FROM person_merges ORDER BY position").map { row in
            RecordedPersonMerge(
                position: row["position"],
                merge: PersonMerge(
                    kind: PersonMerge.Kind(rawValue: row["kind"]) ?? .merge, keep: PersonID(row["keep_id"] as String),
                    other: PersonID(row["other_id"] as String), reason: row["reason"], actor: row["actor"],
                    run: row["run_id"], recordedAt: RowCoding.date(row["recorded_at"])),
                hash: row["hash"])
        }
    }
}
