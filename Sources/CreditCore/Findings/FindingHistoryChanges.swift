/// What recording a run's findings (``FindingSighting``) changes in the history: the one rule both
/// ledger backends apply, each in one transaction.
///
/// - A key the history does not hold is added, open, first and last seen by the run.
/// - A key it holds is seen again: last seen moves to the run, first seen stays. An open or
///   acknowledged finding keeps its state; a resolved one opens again.
/// - A finding of the site that is open or acknowledged, whose kind the run covered and which the
///   run did not report, is resolved by the run.
public struct FindingHistoryChanges: Sendable {
    /// A finding as the history holds it, as much as the rule needs.
    public struct Held: Hashable, Sendable {
        public var id: Int
        public var key: FindingKey
        public var state: RecordedFinding.State

        public init(id: Int, key: FindingKey, state: RecordedFinding.State) {
            self.id = id
            self.key = key
            self.state = state
        }
    }

    /// Findings seen again, with whether each opens again.
    public struct SeenAgain: Sendable {
        public var id: Int
        public var observation: FindingObservation
        public var reopens: Bool
    }

    public var added: [FindingObservation] = []
    public var seenAgain: [SeenAgain] = []
    /// The ids the run resolves.
    public var resolved: [Int] = []
    public var outcome = FindingsRecorded()

    /// - Parameter held: The site's findings the history holds (others are ignored).
    public init(_ sighting: FindingSighting, held: [Held]) {
        let bySite = held.filter { $0.key.site == sighting.site }
        let byKey = Dictionary(bySite.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var reported: Set<FindingKey> = []
        for observation in sighting.findings {
            reported.insert(observation.key)
            if let existing = byKey[observation.key] {
                let reopens = existing.state == .resolved
                seenAgain.append(SeenAgain(id: existing.id, observation: observation, reopens: reopens))
                if reopens { outcome.reopened += 1 } else { outcome.seenAgain += 1 }
            } else {
                added.append(observation)
                outcome.new += 1
            }
        }
        for finding in bySite
        where finding.state != .resolved && sighting.covered.contains(finding.key.kind)
            && !reported.contains(finding.key)
        {
            resolved.append(finding.id)
        }
        resolved.sort()
        outcome.resolved = resolved.count
    }
}
