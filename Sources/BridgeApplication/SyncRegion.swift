import BridgeConfig
import BridgeSync
import CreditCore
import Foundation
import Logging
import MoodleClient

/// Sync the region's Moodle sites into the ledger — the nightly job, each run of `serve`, and the
/// demo: every site (or the ones named) by its cheapest path, each under its own sync lock, the
/// routes updated with what was written, the run recorded per site.
public struct SyncRegion: Sendable {
    /// The region: its mapping, and how each site is reached.
    public let configuration: RegionConfiguration
    public let ledger: LedgerOpener
    /// A client for a site of the mapping files, its token resolved.
    public let connect: MoodleConnector
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(
        configuration: RegionConfiguration, ledger: @escaping LedgerOpener, connect: @escaping MoodleConnector,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "moodle-bridge.sync")
    ) {
        self.configuration = configuration
        self.ledger = ledger
        self.connect = connect
        self.now = now
        self.logger = logger
    }

    /// Runs the sync. Site ids are checked before the ledger is opened: an unknown one is refused
    /// (``ApplicationError/Kind/unknown``) and nothing is opened or written.
    ///
    /// - Parameters:
    ///   - sites: Site ids of the mapping files; empty: every site.
    ///   - full: Re-read everything and re-verify credited completions.
    ///   - dryRun: Read and compare, write nothing.
    ///   - wait: Wait for another process syncing a site instead of skipping it.
    public func run(
        sites: [String] = [], full: Bool = false, dryRun: Bool = false, wait: Bool = false,
        progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async throws -> SyncRunner.Summary {
        let mapping = configuration.mapping
        let unknown = sites.filter { id in !mapping.sites.contains { $0.id.rawValue == id } }
        guard unknown.isEmpty else {
            throw ApplicationError(
                .unknown,
                "unknown site(s): \(unknown.joined(separator: ", ")); the mapping files have: "
                    + mapping.sites.map(\.id.rawValue).joined(separator: ", "))
        }
        let ledger = try await self.ledger()
        let started = now()
        let runID =
            "sync-\(ISO8601DateFormatter().string(from: started).prefix(19))-\(UUID().uuidString.prefix(6).lowercased())"
        return await SyncRunner(configuration: configuration, ledger: ledger, logger: logger, makeSite: connect).run(
            sites: sites.isEmpty ? nil : sites.map { SiteID($0) },
            options: SyncOptions(isFull: full, isDryRun: dryRun, now: started, runID: runID, waitForBusySites: wait),
            progress: progress)
    }

    /// The exit status a run ends with: a site failed for good (3), only transient failures (4),
    /// a site skipped because another process was syncing it (5); nil when every site synced.
    public static func exitStatus(_ summary: SyncRunner.Summary) -> ExitStatus? {
        exitStatus(failures: summary.failures) ?? (summary.busy.isEmpty ? nil : .busy)
    }

    /// 3 when a site failed for good, 4 when the failures were all transient, nil without failures.
    public static func exitStatus(failures: [SyncRunner.Summary.Failure]) -> ExitStatus? {
        if failures.contains(where: \.isPermanent) { return .siteFailed }
        if !failures.isEmpty { return .transientFailure }
        return nil
    }
}
