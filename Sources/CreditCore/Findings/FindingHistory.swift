import Foundation

/// What one run of one site reported, to be recorded in the findings history
/// (``LedgerStore/recordFindings(_:)``), with what the run covered.
///
/// A finding of the site that the history holds, is not resolved, and is not among `findings` is
/// resolved by this run only when its kind is among `covered`: the kinds the run looked at in
/// full on the site. A run that read only part of the site (an incremental run reads only new
/// completions) covers no kind it could have missed, so it resolves nothing it did not look at.
public struct FindingSighting: Sendable {
    public var site: SiteID
    /// The run that saw them (the sync run's id).
    public var run: String
    public var at: Date
    /// One per key: a second observation of a key within a run replaces the first.
    public private(set) var findings: [FindingObservation]
    /// The kinds whose every instance on the site the run would have reported.
    public var covered: Set<FindingKind>

    public init(site: SiteID, run: String, at: Date, findings: [FindingObservation], covered: Set<FindingKind>) {
        self.site = site
        self.run = run
        self.at = at
        self.covered = covered
        var seen: [FindingKey: Int] = [:]
        var unique: [FindingObservation] = []
        for finding in findings where finding.key.site == site {
            if let index = seen[finding.key] {
                unique[index] = finding
            } else {
                seen[finding.key] = unique.count
                unique.append(finding)
            }
        }
        self.findings = unique
    }
}

/// One finding as a run reported it: its key and what to show about it.
public struct FindingObservation: Hashable, Sendable {
    public var key: FindingKey
    /// The particulars, as the latest run worded them.
    public var detail: LocalizedText
    /// The person concerned, when the bridge knows them (the console filters by their centre).
    public var person: PersonID?
    /// The course as the run named it (its short name), for reading.
    public var course: String?
    public var user: String?
    public var module: ModuleID?

    public init(
        key: FindingKey, detail: LocalizedText, person: PersonID? = nil, course: String? = nil, user: String? = nil,
        module: ModuleID? = nil
    ) {
        self.key = key
        self.detail = detail
        self.person = person
        self.course = course
        self.user = user
        self.module = module
    }
}

/// What recording a run's findings changed.
public struct FindingsRecorded: Hashable, Sendable, Codable {
    /// Findings the history did not hold.
    public var new: Int
    /// Resolved findings the run reported again: open again.
    public var reopened: Int
    /// Open or acknowledged findings seen again (they keep their state).
    public var seenAgain: Int
    /// Findings the run covered and did not report: resolved by it.
    public var resolved: Int

    public init(new: Int = 0, reopened: Int = 0, seenAgain: Int = 0, resolved: Int = 0) {
        self.new = new
        self.reopened = reopened
        self.seenAgain = seenAgain
        self.resolved = resolved
    }
}

/// A finding as the history keeps it.
public struct RecordedFinding: Hashable, Sendable, Codable {
    /// The state of a finding.
    ///
    /// - open: reported and not yet dealt with;
    /// - acknowledged: a staff member saw it and said why it may stay (seen again, it stays so);
    /// - resolved: a later run of its site that covered its kind did not report it (seen again, it
    ///   re-opens).
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case open
        case acknowledged
        case resolved
    }

    /// Who acknowledged a finding, when and why.
    public struct Acknowledgement: Hashable, Sendable, Codable {
        public var by: String
        public var reason: String
        public var at: Date

        public init(by: String, reason: String, at: Date) {
            self.by = by
            self.reason = reason
            self.at = at
        }
    }

    /// The run that resolved a finding.
    public struct Resolution: Hashable, Sendable, Codable {
        public var run: String
        public var at: Date

        public init(run: String, at: Date) {
            self.run = run
            self.at = at
        }
    }

    /// The number staff name it by (`findings acknowledge 17`).
    public var id: Int
    public var key: FindingKey
    public var detail: LocalizedText
    public var person: PersonID?
    public var course: String?
    public var user: String?
    public var module: ModuleID?
    public var firstSeenRun: String
    public var firstSeenAt: Date
    public var lastSeenRun: String
    public var lastSeenAt: Date
    /// When it was last opened: first seen, or seen again after it was resolved.
    public var openedAt: Date
    public var state: State
    /// Set while acknowledged, and kept when a run resolves an acknowledged finding.
    public var acknowledgement: Acknowledgement?
    /// Set while resolved.
    public var resolution: Resolution?

    public init(
        id: Int, key: FindingKey, detail: LocalizedText, person: PersonID? = nil, course: String? = nil,
        user: String? = nil, module: ModuleID? = nil, firstSeenRun: String, firstSeenAt: Date, lastSeenRun: String,
        lastSeenAt: Date, openedAt: Date, state: State, acknowledgement: Acknowledgement? = nil,
        resolution: Resolution? = nil
    ) {
        self.id = id
        self.key = key
        self.detail = detail
        self.person = person
        self.course = course
        self.user = user
        self.module = module
        self.firstSeenRun = firstSeenRun
        self.firstSeenAt = firstSeenAt
        self.lastSeenRun = lastSeenRun
        self.lastSeenAt = lastSeenAt
        self.openedAt = openedAt
        self.state = state
        self.acknowledgement = acknowledgement
        self.resolution = resolution
    }
}

/// Which findings to list. Every condition set must hold; nil ones do not filter.
public struct FindingFilter: Hashable, Sendable {
    /// One finding by its number.
    public var id: Int?
    /// Findings in one of these states; nil: every state.
    public var states: Set<RecordedFinding.State>?
    public var site: SiteID?
    public var kind: FindingKind?
    /// Findings opened (first seen, or re-opened) at or after this moment: what is new.
    public var openedSince: Date?

    public init(
        id: Int? = nil, states: Set<RecordedFinding.State>? = nil, site: SiteID? = nil, kind: FindingKind? = nil,
        openedSince: Date? = nil
    ) {
        self.id = id
        self.states = states
        self.site = site
        self.kind = kind
        self.openedSince = openedSince
    }

    /// Whether `finding` passes: the rule each backend's query keeps.
    public func admits(_ finding: RecordedFinding) -> Bool {
        (id.map { $0 == finding.id } ?? true) && (states.map { $0.contains(finding.state) } ?? true)
            && (site.map { $0 == finding.key.site } ?? true) && (kind.map { $0 == finding.key.kind } ?? true)
            && (openedSince.map { finding.openedAt >= $0 } ?? true)
    }
}
