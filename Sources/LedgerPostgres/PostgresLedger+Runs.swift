#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    extension PostgresLedger {
        /// The sync lock of a site: a session-level advisory lock, held on a connection of its own
        /// for as long as `body` runs, so two machines sharing the ledger never sync one site at once.
        /// PostgreSQL releases it when the connection ends, even when the process is killed.
        public func withSyncLock<T: Sendable>(
            site: SiteID, wait: Bool, _ body: @Sendable () async throws -> T
        ) async throws -> T? {
            let key = "moodle-bridge sync \(configuration.schema ?? "public") \(site.rawValue)"
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(
                    configuration: try configuration.connectionConfiguration(), id: 2, logger: logger)
            } catch {
                throw PostgresLedgerError.from(error, place: configuration.description)
            }
            do {
                var held = false
                while !held {
                    for try await got in try await connection.query(
                        "SELECT pg_try_advisory_lock(hashtextextended(\(key), 0))", logger: logger
                    ).decode(Bool.self) {
                        held = got
                    }
                    if held { break }
                    guard wait else {
                        try? await connection.close()
                        return nil
                    }
                    try await Task.sleep(for: .milliseconds(200))
                }
                let result = try await body()
                try? await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }

        public func recordRun(_ run: SyncRun) async throws {
            try await reporting {
                let ended = run.endedAt.map(PostgresRowCoding.seconds)
                try await client.query(
                    """
                    INSERT INTO sync_runs (run_id, site, host, started_at, ended_at, outcome, requests, new_credits, message)
                    VALUES (\(run.runID), \(run.site.rawValue), \(run.host), \(PostgresRowCoding.seconds(run.startedAt)),
                        \(ended), \(run.outcome.rawValue), \(run.requests), \(run.newCredits), \(run.message))
                    ON CONFLICT (run_id, site) DO UPDATE SET host = excluded.host, ended_at = excluded.ended_at,
                        outcome = excluded.outcome, requests = excluded.requests, new_credits = excluded.new_credits,
                        message = excluded.message
                    """, logger: logger)
            }
        }

        public func syncRuns(limitPerSite: Int) async throws -> [SyncRun] {
            try await reporting {
                var runs: [SyncRun] = []
                let rows = try await client.query(
                    """
                    SELECT run_id, site, host, started_at, ended_at, outcome, requests, new_credits, message FROM (
                        SELECT *, ROW_NUMBER() OVER (PARTITION BY site ORDER BY started_at DESC, run_id DESC) AS rank
                        FROM sync_runs) AS ranked
                    WHERE rank <= \(limitPerSite) ORDER BY site COLLATE "C", started_at DESC, rank
                    """, logger: logger)
                for try await (runID, site, host, started, ended, outcome, requests, newCredits, message) in rows.decode(
                    (String, String, String, Int, Int?, String, Int, Int, String?).self)
                {
                    runs.append(
                        SyncRun(
                            runID: runID, site: SiteID(site), host: host, startedAt: PostgresRowCoding.date(started),
                            endedAt: ended.map(PostgresRowCoding.date),
                            outcome: SyncRun.Outcome(rawValue: outcome) ?? .failed, requests: requests,
                            newCredits: newCredits, message: message))
                }
                return runs
            }
        }
    }
#endif
