import BridgeConfig
import CreditCore
import Foundation
import Logging
import MoodleClient

/// The main job: syncs each configured site into the ledger, then updates the routes.
///
/// A site that fails (a revoked token, a missing function) stops with its error; the others go on,
/// and what the failed site had written before the failure stays only as whole transactions.
public struct SyncRunner: Sendable {
    /// The region: its mapping, and how each site is reached.
    public let configuration: RegionConfiguration
    public let ledger: any LedgerStore
    /// A client for a site, reached through its connection settings.
    public let makeSite: @Sendable (SiteConfig, SiteConnection) throws -> MoodleSite
    public let logger: Logger

    public var mapping: RegionMapping { configuration.mapping }

    public init(
        configuration: RegionConfiguration, ledger: any LedgerStore, logger: Logger,
        makeSite: @escaping @Sendable (SiteConfig, SiteConnection) throws -> MoodleSite
    ) {
        self.configuration = configuration
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
            /// Credits the site's run wrote before it failed (each in a whole transaction; they stay,
            /// and a re-run skips them).
            public var creditsWritten = 0
            /// Reversals the site's run wrote before it failed.
            public var reversalsWritten = 0
        }

        /// Sites skipped because another process was syncing them.
        public var busy: [SiteID] = []
        /// Sites synced after waiting for another process's sync of them to end.
        public var waited: [SiteID] = []

        public var newCredits: Int { sites.reduce(0) { $0 + $1.newCredits } }
        /// Every credit the run wrote: the sites that finished, and those that failed part-way.
        public var creditsWritten: Int { failures.reduce(newCredits) { $0 + $1.creditsWritten } }
        public var requests: Int { sites.reduce(0) { $0 + $1.requests } }
        public var findings: [SyncFinding] { sites.flatMap(\.findings) }
        /// Findings the run reported that the findings history did not hold (nil: nothing recorded).
        public var newFindings: Int? {
            let recorded = sites.compactMap(\.findingsRecorded)
            return recorded.isEmpty ? nil : recorded.reduce(0) { $0 + $1.new + $1.reopened }
        }
        /// Findings the run resolved: covered, not reported again.
        public var resolvedFindings: Int { sites.compactMap(\.findingsRecorded).reduce(0) { $0 + $1.resolved } }
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
            // A dry run writes nothing, so it needs no lock and records no run.
            if options.isDryRun {
                await sync(site, options: options, progress: progress, into: &summary)
                continue
            }
            let runner = self
            do {
                // Tried at once first, so that waiting is said, not silent.
                var part = try await ledger.withSyncLock(site: site.id, wait: false) {
                    await runner.recordedSync(site, options: options, progress: progress)
                }
                if part == nil, options.waitForBusySites {
                    progress(.site(site.id, "waiting for another sync of this site to finish"))
                    summary.waited.append(site.id)
                    part = try await ledger.withSyncLock(site: site.id, wait: true) {
                        await runner.recordedSync(site, options: options, progress: progress)
                    }
                }
                guard let part else {
                    summary.busy.append(site.id)
                    continue
                }
                summary.sites += part.sites
                summary.failures += part.failures
            } catch {
                summary.failures.append(.init(site: site.id, message: "\(error)", isPermanent: true))
            }
        }
        if !options.isDryRun {
            do {
                let timeZone = TimeZone(identifier: mapping.sites.first?.timeZone ?? "Europe/Moscow") ?? .current
                var changed: Set<PersonID>?
                if let entriesBefore { changed = try await ledger.personsWritten(after: entriesBefore) }
                summary.routes = try await RouteKeeper(mapping: mapping, timeZone: timeZone).update(
                    ledger: ledger, now: options.now, persons: changed)
            } catch {
                summary.failures.append(.init(site: "routes", message: "\(error)", isPermanent: true))
            }
        }
        summary.seconds = (ContinuousClock.now - started).seconds
        return summary
    }

    /// Syncs one site into `summary`: its result, or its failure.
    private func sync(
        _ site: SiteConfig, options: SyncOptions, progress: @escaping @Sendable (SyncProgress) -> Void,
        into summary: inout Summary
    ) async {
        // What the site writes before a failure is read back from here, so the summary says it.
        let entriesBefore = options.isDryRun ? nil : try? await ledger.entryCount()
        do {
            let connection = try configuration.connection(for: site.id)
            let moodle = try makeSite(site, connection)
            var result = try await SiteSync(
                site: site, connection: connection, mapping: mapping, ledger: ledger, moodle: moodle, options: options,
                logger: logger, progress: progress
            ).run()
            result.findings += try await documentsRelyingOnReversals(result)
            if !options.isDryRun {
                // The history is kept beside the run's writes: a ledger that cannot record it does
                // not undo what the run wrote.
                do {
                    result.findingsRecorded = try await ledger.recordFindings(
                        result.sighting(run: options.runID, at: options.now))
                } catch {
                    logger.warning("cannot record the findings", metadata: ["site": "\(site.id)", "error": "\(error)"])
                }
            }
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
            var failure = Summary.Failure(site: site.id, message: "\(error)", isPermanent: permanent)
            if let entriesBefore, let written = try? await ledger.entries(after: entriesBefore) {
                for entry in written {
                    guard case .moodle(let source, _, _) = entry.source, source == site.id else { continue }
                    switch entry.kind {
                    case .credit: failure.creditsWritten += 1
                    case .reversal: failure.reversalsWritten += 1
                    }
                }
            }
            summary.failures.append(failure)
        }
    }

    /// Records the site's run in the ledger as started, runs `body`, and records how it ended. A
    /// ledger that cannot record a run does not stop the sync (the run's own writes are what count).
    private func recordedSync(
        _ site: SiteConfig, options: SyncOptions, progress: @escaping @Sendable (SyncProgress) -> Void
    ) async -> Summary {
        var run = SyncRun(runID: options.runID, site: site.id, host: options.host, startedAt: Date())
        do { try await ledger.recordRun(run) } catch {
            logger.warning("cannot record the run", metadata: ["site": "\(site.id)", "error": "\(error)"])
        }
        var part = Summary(isDryRun: false)
        await sync(site, options: options, progress: progress, into: &part)
        run.endedAt = Date()
        let failure = part.failures.first { $0.site == site.id }
        run.outcome = failure == nil ? .succeeded : .failed
        run.message = failure?.message
        run.requests = part.sites.first { $0.site == site.id }?.requests ?? 0
        run.newCredits = part.sites.first { $0.site == site.id }?.newCredits ?? failure?.creditsWritten ?? 0
        do { try await ledger.recordRun(run) } catch {
            logger.warning("cannot record the run", metadata: ["site": "\(site.id)", "error": "\(error)"])
        }
        return part
    }

    /// A finding for each issued, not cancelled document that certifies a credit the site's run
    /// reversed (or, in a dry run, would reverse).
    private func documentsRelyingOnReversals(_ result: SiteSyncResult) async throws -> [SyncFinding] {
        let reversed = Set(result.findings.filter { $0.kind == .revocationReversed }.compactMap(\.entry))
        guard !reversed.isEmpty else { return [] }
        return DocumentReliance.find(in: try await ledger.documents(), reversed: reversed).map {
            SyncFinding(
                kind: .documentReliesOnReversedCredit, site: result.site, person: $0.person, module: $0.module,
                entry: $0.credit, document: $0.registrationNumber, detail: $0.text)
        }
    }
}
