import Foundation

/// One site's part of one sync run, as the ledger records it: when it started and ended, how it
/// went, what it cost and what it wrote. Recorded when the site's sync starts (`running`) and again
/// when it ends, so a run that was killed stays `running` with no end.
public struct SyncRun: Hashable, Sendable, Codable {
    public enum Outcome: String, Hashable, Sendable, Codable {
        case running
        case succeeded
        case failed
    }

    public var runID: String
    public var site: SiteID
    /// The machine (host name) that ran it.
    public var host: String
    public var startedAt: Date
    public var endedAt: Date?
    public var outcome: Outcome
    public var requests: Int
    public var newCredits: Int
    /// Why it failed, in one line.
    public var message: String?

    public init(
        runID: String, site: SiteID, host: String, startedAt: Date, endedAt: Date? = nil, outcome: Outcome = .running,
        requests: Int = 0, newCredits: Int = 0, message: String? = nil
    ) {
        self.runID = runID
        self.site = site
        self.host = host
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.requests = requests
        self.newCredits = newCredits
        self.message = message
    }
}
