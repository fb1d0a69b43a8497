import Foundation

/// The ledger's hash chain: each entry's hash covers its content and the hash of the entry before,
/// so an entry edited or removed behind the bridge's back breaks the chain from that point on.
public enum LedgerChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of `entry` following `previous`.
    public static func hash(of entry: LedgerEntry, following previous: String) -> String {
        sha256Hex(Array(canonicalText(of: entry, following: previous).utf8))
    }

    /// One line per field, in a fixed order; what the hash is taken over.
    static func canonicalText(of entry: LedgerEntry, following previous: String) -> String {
        let reverses: String
        switch entry.kind {
        case .credit: reverses = ""
        case .reversal(let target): reverses = target.rawValue
        }
        return [
            previous, entry.id.rawValue, entry.person.rawValue, entry.module.rawValue,
            String(entry.hours.value), entry.form.rawValue, reverses,
            String(Int64(entry.occurredAt.timeIntervalSince1970)),
            String(Int64(entry.recordedAt.timeIntervalSince1970)), entry.source.canonicalText,
            entry.idempotencyKey, entry.batch?.rawValue ?? "", entry.note ?? "",
        ].joined(separator: "\u{1F}")
    }

    /// Walks entries in ledger order and reports the first place the chain breaks.
    ///
    /// - Parameters:
    ///   - entries: Entries with their stored hashes, in the order they were appended.
    ///   - head: The hash and count the store recorded after its last append.
    public static func verify(
        _ entries: some Sequence<(entry: LedgerEntry, storedHash: String)>, head: (hash: String, count: Int)
    ) -> LedgerVerification {
        var previous = genesis
        var count = 0
        for (entry, storedHash) in entries {
            count += 1
            let expected = hash(of: entry, following: previous)
            if expected != storedHash {
                return LedgerVerification(
                    entriesChecked: count, headHash: previous,
                    problem: .entryAltered(position: count, id: entry.id))
            }
            previous = storedHash
        }
        if count != head.count || previous != head.hash {
            let problem: LedgerVerification.Problem =
                count < head.count
                ? .entriesMissing(expected: head.count, found: count) : .headMismatch
            return LedgerVerification(entriesChecked: count, headHash: previous, problem: problem)
        }
        return LedgerVerification(entriesChecked: count, headHash: previous, problem: nil)
    }
}

/// The result of checking the hash chain.
public struct LedgerVerification: Hashable, Sendable {
    /// What is wrong with the ledger.
    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// The entry at this position (1-based, in ledger order) no longer matches its hash: it was
        /// edited, or an entry before it was removed.
        case entryAltered(position: Int, id: EntryID)
        /// Entries at the end were removed.
        case entriesMissing(expected: Int, found: Int)
        /// The recorded head does not match the last entry.
        case headMismatch
        /// A table the ledger keeps beside its entries (standing credits, per-person totals, month
        /// rows) does not match what the entries give.
        case derivedStateDiffers(table: String, detail: String)
        /// The checkpoint kept outside the database records more entries, or another hash at its
        /// position, than the ledger holds: its end was cut off (and its head rewritten to match).
        case checkpointDiffers(file: String, entries: Int, found: Int)
        /// The merge-log event at this position (1-based) no longer matches its hash: it was edited,
        /// or an event before it was removed.
        /// The checkpoint file records more merge events than the merge log holds, or another hash
        /// for its last one: events at the log's end were removed or changed.
        case mergeCheckpointDiffers(file: String, merges: Int, found: Int)
        case mergeAltered(position: Int)
        /// A route's recorded verdict (status, hours, completion day) is not what its credits give.
        case routeVerdictDiffers(route: RouteID, recorded: String, computed: String)
        /// An issued document no longer agrees with the entries it names, or with itself.
        case documentDiffers(registrationNumber: String, detail: String)
        /// A number series' counter stands below a number already issued in it, so a number would
        /// be given twice.
        case numberSeriesBehind(series: String, counter: Int, highest: Int)
        /// A person's row holds a value their registry events do not give.
        case personDiffers(person: PersonID, field: String, stored: String, fromEvents: String)

        public var description: String {
            switch self {
            case .entryAltered(let position, let id):
                "entry \(id) (number \(position) in ledger order) does not match its hash: it was edited, or an entry just before it was removed, outside MoodleBridge"
            case .entriesMissing(let expected, let found):
                "the ledger should hold \(expected) entries but holds \(found): entries at its end were removed outside MoodleBridge"
            case .headMismatch:
                "the ledger's recorded head does not match its last entry: it was changed outside MoodleBridge"
            case .derivedStateDiffers(let table, let detail):
                "the table \(table) does not match the entries: \(detail); it was changed outside MoodleBridge"
            case .checkpointDiffers(let file, let entries, let found) where found < entries:
                "the checkpoint \(file) records \(entries) entries but the ledger holds \(found): entries at its end were removed outside MoodleBridge (and its head rewritten to hide it)"
            case .mergeCheckpointDiffers(let file, let merges, let found) where found < merges:
                "the checkpoint \(file) records \(merges) merge-log event(s) but the log holds \(found): events at its end were removed outside MoodleBridge"
            case .mergeCheckpointDiffers(let file, let merges, _):
                "merge-log event number \(merges) does not match the hash the checkpoint \(file) records for it: the merge log was changed outside MoodleBridge"
            case .mergeAltered(let position):
                "merge-log event number \(position) (person_merges) does not match its hash: it was edited, or an event just before it was removed, outside MoodleBridge"
            case .checkpointDiffers(let file, let entries, _):
                "entry number \(entries) does not match the hash the checkpoint \(file) records for it: the ledger was changed outside MoodleBridge"
            case .routeVerdictDiffers(let route, let recorded, let computed):
                "the route \(route) is recorded as \(recorded) but its credits give \(computed): it was changed outside MoodleBridge (or the mapping files changed since it was last judged; a sync judges it again)"
            case .documentDiffers(let number, let detail):
                "the document \(number) \(detail): it was changed outside MoodleBridge"
            case .numberSeriesBehind(let series, let counter, let highest):
                "the number series \(series) stands at \(counter) but number \(highest) was issued in it: its counter was set back outside MoodleBridge, and numbers would repeat"
            case .personDiffers(let person, let field, let stored, let fromEvents):
                "the person \(person) holds \(field) '\(stored)' where the registry's history gives '\(fromEvents)': the row was changed outside MoodleBridge"
            }
        }
    }

    public var entriesChecked: Int
    public var headHash: String
    public var problem: Problem?
    /// The most entries held at once while the derived state was checked (a slice of persons).
    public var largestSlice = 0

    public init(entriesChecked: Int, headHash: String, problem: Problem?) {
        self.entriesChecked = entriesChecked
        self.headHash = headHash
        self.problem = problem
    }

    public var isIntact: Bool { problem == nil }
}

extension EntrySource {
    /// The source as one line, for hashing and storage.
    public var canonicalText: String {
        switch self {
        case .moodle(let site, let course, let user): "moodle|\(site.rawValue)|\(course)|\(user)"
        case .manual(let op, let document): "manual|\(op)|\(document)"
        case .sheet(let file, let row): "sheet|\(file)|\(row)"
        }
    }
}
