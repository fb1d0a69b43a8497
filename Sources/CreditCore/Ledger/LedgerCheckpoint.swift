import Foundation

/// The ledger's head (entry count and the last entry's hash) written to a file outside the database
/// after each append. An attacker with the database alone can cut entries off its end and rewrite its
/// head to match, and the hash chain still holds; the checkpoint, outside the database, does not
/// follow. It only moves forward: a write of fewer entries than it records is ignored.
///
/// It records the merge log's length and last hash the same way (``merges``, ``mergeHead``), so that
/// merge events cut off its end are found too.
///
/// The SQLite ledger keeps it beside its file (`LEDGER.checkpoint`); the PostgreSQL ledger where
/// its address's `checkpoint=` item names (one file per machine that appends: each checks what it
/// wrote).
public struct LedgerCheckpoint: Equatable, Sendable {
    public static let suffix = ".checkpoint"

    public var entries: Int
    public var head: String
    /// Events in the merge log, and the last one's hash (nil with none).
    public var merges: Int
    public var mergeHead: String?

    public init(entries: Int, head: String, merges: Int = 0, mergeHead: String? = nil) {
        self.entries = entries
        self.head = head
        self.merges = merges
        self.mergeHead = mergeHead
    }

    /// Reads a checkpoint file; nil when there is none or it is not one.
    public init?(file: String) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        var entries: Int?
        var head: String?
        var merges = 0
        var mergeHead: String?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "entries" { entries = Int(parts[1]) }
            if parts[0] == "head" { head = parts[1] }
            if parts[0] == "merges" { merges = Int(parts[1]) ?? 0 }
            if parts[0] == "merge-head" { mergeHead = parts[1] }
        }
        guard let entries, let head, entries >= 0 else { return nil }
        self.init(entries: entries, head: head, merges: merges, mergeHead: mergeHead)
    }

    /// Writes this checkpoint to `file` (whole, by a rename), each part only forward: where the file
    /// records more entries, or more merge events, it keeps those.
    public func advance(_ file: String) {
        var next = self
        if let current = LedgerCheckpoint(file: file) {
            if current.entries >= entries { (next.entries, next.head) = (current.entries, current.head) }
            if current.merges >= merges { (next.merges, next.mergeHead) = (current.merges, current.mergeHead) }
            if next == current { return }
        }
        var text = "entries \(next.entries)\nhead \(next.head)\n"
        if next.merges > 0, let mergeHead = next.mergeHead { text += "merges \(next.merges)\nmerge-head \(mergeHead)\n" }
        try? Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
    }

    /// What this checkpoint, read from `file` before the merge log was read, says of the `log`: nil
    /// when the log holds the events it records.
    public func mergeProblem(file: String, log: [RecordedPersonMerge]) -> LedgerVerification.Problem? {
        guard merges > 0 else { return nil }
        if merges > log.count || log[merges - 1].hash != mergeHead {
            return .mergeCheckpointDiffers(file: file, merges: merges, found: log.count)
        }
        return nil
    }

    /// What this checkpoint, read from `file` before the ledger's entries were read, says of a
    /// ledger that holds `count` entries, the one at position ``entries`` having `hashAtEntries`
    /// as its stored hash: nil when they agree.
    public func problem(file: String, count: Int, hashAtEntries: String?) -> LedgerVerification.Problem? {
        if entries > count || (entries > 0 && hashAtEntries != head) {
            return .checkpointDiffers(file: file, entries: entries, found: count)
        }
        return nil
    }
}
