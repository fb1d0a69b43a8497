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
        for site in mapping.sites where selected.map({ $0.contains(site.id) }) ?? true {
            do {
                let moodle = try makeSite(site)
                var result = try await SiteSync(
                    site: site, mapping: mapping, ledger: ledger, moodle: moodle, options: options, logger: logger,
                    progress: progress
                ).run()
                result.findings += try await documentsRelyingOnReversals(result)
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
                summary.routes = try await RouteKeeper(mapping: mapping, timeZone: timeZone).update(
                    ledger: ledger, now: options.now)
            } catch {
                summary.failures.append(.init(site: "routes", message: "\(error)", isPermanent: true))
            }
        }
        summary.seconds = (ContinuousClock.now - started).seconds
        return summary
    }

    /// A finding for each issued, not cancelled document that certifies a credit the site's run
    /// reversed (or, in a dry run, would reverse).
    private func documentsRelyingOnReversals(_ result: SiteSyncResult) async throws -> [SyncFinding] {
        let reversed = Set(result.findings.filter { $0.kind == .revocationReversed }.compactMap(\.entry))
        guard !reversed.isEmpty else { return [] }
        return DocumentReliance.find(in: try await ledger.documents(), reversed: reversed).map {
            SyncFinding(
                kind: .documentReliesOnReversedCredit, site: result.site, person: $0.person, module: $0.module,
                entry: $0.credit, detail: $0.description)
        }
    }
}
