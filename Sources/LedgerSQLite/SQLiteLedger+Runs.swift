import CreditCore
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SQLiteLedger {
    /// The sync lock of a site: an exclusive `flock` on a file beside the ledger's resolved path (so a
    /// symbolic link to the ledger takes the same lock), released by the system even after `kill -9`.
    /// A ledger in memory has no other process to share it with.
    public func withSyncLock<T: Sendable>(
        site: SiteID, wait: Bool, _ body: @Sendable () async throws -> T
    ) async throws -> T? {
        guard let path else { return try await body() }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let name = site.rawValue.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        let lockPath = "\(resolved).sync-\(String(name)).lock"
        let descriptor = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else { throw SyncLockError(path: lockPath) }
        defer { close(descriptor) }
        // Polled rather than blocking, so a waiting task never holds a thread of the pool.
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard wait else { return nil }
            try await Task.sleep(for: .milliseconds(200))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    public func recordRun(_ run: SyncRun) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_runs (run_id, site, host, started_at, ended_at, outcome, requests, new_credits, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id, site) DO UPDATE SET host = excluded.host, ended_at = excluded.ended_at,
                        outcome = excluded.outcome, requests = excluded.requests, new_credits = excluded.new_credits,
                        message = excluded.message
                    """,
                arguments: [
                    run.runID, run.site.rawValue, run.host, RowCoding.seconds(run.startedAt),
                    run.endedAt.map(RowCoding.seconds), run.outcome.rawValue, run.requests, run.newCredits, run.message,
                ])
        }
    }

    public func syncRuns(limitPerSite: Int) async throws -> [SyncRun] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT *, ROW_NUMBER() OVER (PARTITION BY site ORDER BY started_at DESC, rowid DESC) AS rank
                        FROM sync_runs)
                    WHERE rank <= ? ORDER BY site, started_at DESC, rank
                    """, arguments: [limitPerSite]
            ).map { row in
                SyncRun(
                    runID: row["run_id"], site: SiteID(row["site"] as String), host: row["host"],
                    startedAt: RowCoding.date(row["started_at"]),
                    endedAt: (row["ended_at"] as Int64?).map(RowCoding.date),
                    outcome: SyncRun.Outcome(rawValue: row["outcome"]) ?? .failed, requests: row["requests"],
                    newCredits: row["new_credits"], message: row["message"])
            }
        }
    }
}

/// The lock file beside the ledger could not be created.
public struct SyncLockError: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "cannot create the sync lock file \(path)" }
}
