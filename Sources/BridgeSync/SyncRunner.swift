import CreditCore
import Foundation
import Logging
import MoodleClient

/// The main job: syncs each configured site into the ledger, then updates the routes.
///
/// A site that fails (a revoked token, a missing function) stops with its error; the others go on,
/// and what the failed site had written before the failure stays only as whole transactions.
public struct SyncRunner: Sendable {
    public let mapping: RegionMapping
    public let ledger: any LedgerStore
    public let makeSite: @Sendable (SiteConfig) throws -> MoodleSite
    public let logger: Logger

    public init(
        mapping: RegionMapping, ledger: any LedgerStore, logger: Logger,
        makeSite: @escaping @Sendable (SiteConfig) throws -> MoodleSite
    ) {
        self.mapping = mapping
        self.ledger = ledger
        self.logger = logger
        self.makeSite = makeSite
    }

    /// The outcome of a whole run.
    public struct Summary: Sendable, Codable {
        public var sites: [SiteSyncResult] = []
        public var failures: [Failure] = []
        public var routes: RouteKeeper.Outcome?
        public var seconds: Double = 0
        public var isDryRun: Bool

        public struct Failure: Sendable, Codable {
            public var site: SiteID
            public var message: String
            public var isPermanent: Bool
        }

        public var newCredits: Int { sites.reduce(0) { $0 + $1.newCredits } }
        public var requests: Int { sites.reduce(0) { $0 + $1.requests } }
        public var findings: [SyncFinding] { sites.flatMap(\.findings) }
    }

    public func run(
        sites selected: [SiteID]?, options: SyncOptions, progress: @escaping @Sendable (SyncProgress) -> Void
    ) async -> Summary {
        let started = ContinuousClock.now
        var summary = Summary(isDryRun: options.isDryRun)
        // What the run writes is read back from here, so the route update judges only the persons
        // whose credits changed.
        let entriesBefore = try? await ledger.entryCount()
        for site in mapping.sites where selected.map({ $0.contains(site.id) }) ?? true {
            do {
                let moodle = try makeSite(site)
                let result = try await SiteSync(
                    site: site, mapping: mapping, ledger: ledger, moodle: moodle, options: options, logger: logger,
                    progress: progress
                ).run()
                summary.sites.append(result)
                if result.reversalsHeldBack > 0 {
                    summary.failures.append(
                        .init(
                            site: site.id,
                            message:
                                "Moodle reports \(result.reversalsHeldBack) credited completions as no longer complete, more than the site's revocation guard allows in one run: none was reversed and each is flagged for review; if Moodle is right, reverse them by hand or raise revocation_guard",
                            isPermanent: true))
                }
            } catch {
                let permanent = (error as? MoodleError).map { !$0.isTransient } ?? true
                logger.error("sync failed", metadata: ["site": "\(site.id)", "error": "\(error)"])
                summary.failures.append(.init(site: site.id, message: "\(error)", isPermanent: permanent))
            }
        }
        if !options.isDryRun {
            do {
                let timeZone = TimeZone(identifier: mapping.sites.first?.timeZone ?? "Europe/Moscow") ?? .current
                var changed: Set<PersonID>?
                if let entriesBefore { changed = Set(try await ledger.entries(after: entriesBefore).map(\.person)) }
                summary.routes = try await RouteKeeper(mapping: mapping, timeZone: timeZone).update(
                    ledger: ledger, now: options.now, persons: changed)
            } catch {
                summary.failures.append(.init(site: "routes", message: "\(error)", isPermanent: true))
            }
        }
        summary.seconds = (ContinuousClock.now - started).seconds
        return summary
    }
}
