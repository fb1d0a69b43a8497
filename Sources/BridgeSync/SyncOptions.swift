import CreditCore
import Foundation

/// How a sync runs.
public struct SyncOptions: Sendable {
    /// Re-read everything and re-verify credited completions.
    public var isFull: Bool
    /// Read and compare, but write nothing.
    public var isDryRun: Bool
    /// The moment of the run (routes' verdicts, cursors).
    public var now: Date
    /// A prefix for the run's batch ids.
    public var runID: String
    /// Drafts per transaction.
    public var chunkSize: Int
    /// When another process is syncing a site: wait for it (else skip the site and say so).
    public var waitForBusySites: Bool
    /// This machine's name, recorded with each site's run.
    public var host: String

    public init(
        isFull: Bool = false, isDryRun: Bool = false, now: Date, runID: String, chunkSize: Int = 500,
        waitForBusySites: Bool = false, host: String = ProcessInfo.processInfo.hostName
    ) {
        self.isFull = isFull
        self.isDryRun = isDryRun
        self.now = now
        self.runID = runID
        self.chunkSize = chunkSize
        self.waitForBusySites = waitForBusySites
        self.host = host
    }
}

/// What the sync is doing, for a progress display.
public enum SyncProgress: Sendable {
    case site(SiteID, String)
    case written(SiteID, credits: Int)
}
