#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    /// The merge log (``PostgresPersonMergesSchema``): reading it, and appending to it together with
    /// the two persons' standing state.
    extension PostgresLedger {
        public func personMerges() async throws -> [RecordedPersonMerge] {
            try await reporting { try await Self.personMerges(on: client, logger: logger) }
        }

        public func recordPersonMerge(_ merge: PersonMerge) async throws -> RecordedPersonMerge {
            // Refused at once when the merges in force do not allow it (and again under the lock).
            if let refusal = PersonMerges(try await personMerges().map(\.merge)).refusal(of: merge) { throw refusal }
            let (recorded, checkpoint) = try await reporting {
                try await client.withTransaction(logger: logger) { connection in
                    // The head row's lock serialises this with every append, so no credit is counted
                    // under merges about to change.
                    var head = (count: 0, hash: LedgerChain.genesis)
                    for try await (count, hash) in try await connection.query(
                        "SELECT count, hash FROM ledger_head FOR UPDATE", logger: logger
                    ).decode((Int, String).self) {
                        head = (count, hash)
                    }
                    _ = try await connection.query("LOCK TABLE person_merges IN EXCLUSIVE MODE", logger: logger)
                    let next = try PersonMergeChain.next(
                        after: try await Self.personMerges(on: connection, logger: logger), merge)
                    let recordedAt = Int(merge.recordedAt.timeIntervalSince1970)
                    _ = try await connection.query(
                        """
                        INSERT INTO person_merges (position, kind, keep_id, other_id, reason, actor, run_id, recorded_at, hash)
                        VALUES (\(next.position), \(merge.kind.rawValue), \(merge.keep.rawValue), \(merge.other.rawValue),
                            \(merge.reason), \(merge.actor), \(merge.run), \(recordedAt), \(next.hash))
                        """, logger: logger)
                    for statement in PostgresPersonMergesSchema.rederive([merge.keep.rawValue, merge.other.rawValue]) {
                        _ = try await connection.query(statement, logger: logger)
                    }
                    return (
                        next,
                        LedgerCheckpoint(entries: head.count, head: head.hash, merges: next.position, mergeHead: next.hash)
                    )
                }
            }
            // Written once the transaction has committed, as after an append.
            if let file = configuration.checkpoint { checkpoint.advance(file) }
            return recorded
        }

        static func personMerges(
            on connection: some PostgresQueryRunner, logger: Logger
        ) async throws -> [RecordedPersonMerge] {
            var log: [RecordedPersonMerge] = []
            for try await (position, kind, keep, other, reason, actor, run, recordedAt, hash)
                in try await connection.run(
                    """
                    SELECT position, kind, keep_id, other_id, reason, actor, run_id, recorded_at, hash
                    FROM person_merges ORDER BY position
                    """, logger: logger
                ).decode((Int, String, String, String, String, String, String?, Int, String).self)
            {
                log.append(
                    RecordedPersonMerge(
                        position: position,
                        merge: PersonMerge(
                            kind: PersonMerge.Kind(rawValue: kind) ?? .merge, keep: PersonID(keep),
                            other: PersonID(other), reason: reason, actor: actor, run: run,
                            recordedAt: PostgresRowCoding.date(recordedAt)),
                        hash: hash))
            }
            return log
        }
    }
#endif
