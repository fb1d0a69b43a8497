import Foundation

/// One event of the merge log: two persons of the registry found to be one teacher (a merge), or a
/// merge taken back (an unmerge). The log is append-only and hash-chained like the entries; the
/// entries themselves are never rewritten. While OTHER is merged into KEEP, every reader counts
/// OTHER's credits as KEEP's (see ``PersonMerges``) and a key of OTHER identifies KEEP.
public struct PersonMerge: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case merge
        case unmerge
    }

    public var kind: Kind
    /// The person who stays.
    public var keep: PersonID
    /// The person merged into ``keep`` (or, for an unmerge, taken out of it again).
    public var other: PersonID
    public var reason: String
    /// Who recorded it: a staff login, or `sync` for an automatic merge.
    public var actor: String
    /// The sync run that merged them automatically, if one did.
    public var run: String?
    public var recordedAt: Date

    public init(
        kind: Kind, keep: PersonID, other: PersonID, reason: String, actor: String, run: String? = nil,
        recordedAt: Date
    ) {
        self.kind = kind
        self.keep = keep
        self.other = other
        self.reason = reason
        self.actor = actor
        self.run = run
        self.recordedAt = recordedAt
    }
}

/// A merge-log event as the ledger keeps it: its place in the log (1-based) and its chain hash.
public struct RecordedPersonMerge: Hashable, Sendable {
    public var position: Int
    public var merge: PersonMerge
    public var hash: String

    public init(position: Int, merge: PersonMerge, hash: String) {
        self.position = position
        self.merge = merge
        self.hash = hash
    }
}

/// Why a merge or unmerge is refused.
public enum PersonMergeRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case samePerson(PersonID)
    case alreadyMerged(PersonID, into: PersonID)
    case hasMergedPersons(PersonID, [PersonID])
    case notMerged(PersonID)

    public var description: String {
        switch self {
        case .samePerson(let person): "\(person) cannot be merged into itself"
        case .alreadyMerged(let person, let into):
            "\(person) is already merged into \(into); merge into \(into) instead, or unmerge \(person) first"
        case .hasMergedPersons(let person, let members):
            "\(members.map(\.rawValue).joined(separator: ", ")) \(members.count == 1 ? "is" : "are") merged into \(person); unmerge \(members.count == 1 ? "it" : "them") first, or merge into \(person) instead"
        case .notMerged(let person): "\(person) is not merged into anyone"
        }
    }
}

/// The merges in force after a merge log: which person each merged one counts as. Merges are one
/// level deep (a chain is refused), so a person's canonical id is one look-up away.
public struct PersonMerges: Sendable, Hashable {
    private var keepByOther: [PersonID: PersonID] = [:]

    /// No merges.
    public init() {}

    /// The merges in force after `log`, in log order.
    public init(_ log: some Sequence<PersonMerge>) {
        for event in log {
            switch event.kind {
            case .merge: keepByOther[event.other] = event.keep
            case .unmerge: keepByOther[event.other] = nil
            }
        }
    }

    public var isEmpty: Bool { keepByOther.isEmpty }

    /// Every person a merge in force names, on either side: whose standing is not their own alone.
    public var involved: Set<PersonID> { Set(keepByOther.keys).union(keepByOther.values) }

    /// The person `person` counts as: the one it is merged into, else itself.
    public func canonical(_ person: PersonID) -> PersonID { keepByOther[person] ?? person }

    /// The person `person` is merged into, if any.
    public func keep(of person: PersonID) -> PersonID? { keepByOther[person] }

    /// The persons merged into `person`, by id.
    public func merged(into person: PersonID) -> [PersonID] {
        keepByOther.filter { $0.value == person }.map(\.key).sorted()
    }

    /// `person` and every person merged into it: whose entries make its standing.
    public func members(of person: PersonID) -> [PersonID] { [person] + merged(into: person) }

    /// Every merge in force: (other, keep), by other.
    public var pairs: [(other: PersonID, keep: PersonID)] {
        keepByOther.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Why `event` cannot follow the merges in force, or nil when it can.
    public func refusal(of event: PersonMerge) -> PersonMergeRefusal? {
        switch event.kind {
        case .merge:
            if event.keep == event.other { return .samePerson(event.keep) }
            if let into = keepByOther[event.keep] { return .alreadyMerged(event.keep, into: into) }
            if let into = keepByOther[event.other] { return .alreadyMerged(event.other, into: into) }
            let members = merged(into: event.other)
            if !members.isEmpty { return .hasMergedPersons(event.other, members) }
            return nil
        case .unmerge:
            guard keepByOther[event.other] == event.keep else { return .notMerged(event.other) }
            return nil
        }
    }
}

/// The merge log's hash chain: each event's hash covers its content and the hash of the event
/// before, so an event edited or removed behind the bridge's back breaks the chain there.
public enum PersonMergeChain {
    public static let genesis = LedgerChain.genesis

    /// The hash of the event at `position` (1-based) following `previous`.
    public static func hash(of merge: PersonMerge, position: Int, following previous: String) -> String {
        let text = [
            previous, String(position), merge.kind.rawValue, merge.keep.rawValue, merge.other.rawValue, merge.reason,
            merge.actor, merge.run ?? "", String(Int64(merge.recordedAt.timeIntervalSince1970)),
        ].joined(separator: "\u{1F}")
        return LedgerChain.sha256Hex(Array(text.utf8))
    }

    /// The first event (in log order) that does not match its hash or position, or nil.
    public static func verify(_ log: some Sequence<RecordedPersonMerge>) -> LedgerVerification.Problem? {
        var previous = genesis
        var expectedPosition = 1
        for record in log {
            if record.position != expectedPosition
                || hash(of: record.merge, position: record.position, following: previous) != record.hash
            {
                return .mergeAltered(position: expectedPosition)
            }
            previous = record.hash
            expectedPosition += 1
        }
        return nil
    }

    /// The event to append after `log`, with its position and hash; refused when the merges in
    /// force do not allow it.
    public static func next(after log: [RecordedPersonMerge], _ merge: PersonMerge) throws -> RecordedPersonMerge {
        if let refusal = PersonMerges(log.map(\.merge)).refusal(of: merge) { throw refusal }
        let position = (log.last?.position ?? 0) + 1
        return RecordedPersonMerge(
            position: position, merge: merge,
            hash: hash(of: merge, position: position, following: log.last?.hash ?? genesis))
    }
}
