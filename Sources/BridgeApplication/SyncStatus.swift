import CreditCore
import Foundation

/// The last sync run of every site, as the ledger recorded it: for cron, monitoring and the console.
/// A site is **stale** when its last success is older than twice the schedule (or it never succeeded).
public struct SyncStatus: Sendable {
    public struct Site: Sendable, Encodable, Hashable {
        public var site: String
        /// The latest run (nil: never synced into this ledger).
        public var lastRun: SyncRun?
        /// The latest run that succeeded.
        public var lastSuccess: SyncRun?
        /// The latest run is still running, or was killed (no end recorded).
        public var running: Bool
        /// The latest runs, newest first, as many as asked for.
        public var history: [SyncRun]
        public var stale: Bool
    }

    public struct Result: Sendable, Encodable {
        public var sites: [Site]
        /// The schedule the staleness is judged against, in seconds.
        public var scheduleSeconds: Double
        public var isStale: Bool { sites.contains(where: \.stale) }
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    /// - Parameters:
    ///   - schedule: How often the sites are meant to be synced.
    ///   - history: How many of each site's latest runs to list.
    public func run(schedule: TimeInterval, history: Int = 0) async throws -> Result {
        // Enough history per site to find its last success behind a run of failures.
        let runs = try await ledger().syncRuns(limitPerSite: max(50, history))
        let sites = mapping.sites.map { site in
            let own = runs.filter { $0.site == site.id }
            let success = own.first { $0.outcome == .succeeded }
            let isFresh = success.map { now.timeIntervalSince($0.endedAt ?? $0.startedAt) <= 2 * schedule } ?? false
            return Site(
                site: site.id.rawValue, lastRun: own.first, lastSuccess: success,
                running: own.first?.outcome == .running, history: Array(own.prefix(history)), stale: !isFresh)
        }
        return Result(sites: sites, scheduleSeconds: schedule)
    }
}
