import CreditCore
import Foundation

/// What one site's sync did, for the summary and for scripts.
public struct SiteSyncResult: Sendable, Codable {
    /// How completions were read.
    public enum Path: String, Sendable, Codable {
        case reportBuilder = "report-builder"
        case classic
    }

    public var site: SiteID
    public var path: Path
    public var isFull: Bool
    public var moodleRelease: String?
    public var coursesMapped: Int = 0
    /// Whether the run read the course list (an incremental report-path run whose report holds only
    /// credited rows does not).
    public var coursesRead = true
    public var coursesUnmapped: Int = 0
    public var completionsSeen: Int = 0
    public var newCredits: Int = 0
    public var alreadyCredited: Int = 0
    public var reversals: Int = 0
    /// Reversals the revocation policy asked for and the guard held back (none was written).
    public var reversalsHeldBack: Int = 0
    public var newPersons: Int = 0
    public var requests: Int = 0
    public var seconds: Double = 0
    public var findings: [SyncFinding] = []
    /// The kinds of finding this run looked for everywhere on the site: a finding of such a kind the
    /// findings history holds and this run did not report is resolved by it (see ``FindingCoverage``).
    public var covered: Set<FindingKind> = []
    /// What recording the findings changed in the history (nil: a dry run, or not recorded).
    public var findingsRecorded: FindingsRecorded?

    public init(site: SiteID, path: Path, isFull: Bool) {
        self.site = site
        self.path = path
        self.isFull = isFull
    }

    public func count(_ kind: FindingKind) -> Int { findings.filter { $0.kind == kind }.count }
}
