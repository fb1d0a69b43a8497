import Foundation

/// The ledger's head (entry count and the last entry's hash) written to a file outside the database
/// after each append. An attacker with the database alone can cut entries off its end and rewrite its
/// head to match, and the hash chain still holds; the checkpoint, outside the database, does not
/// follow. It only moves forward: a write of fewer entries than it records is ignored.
///
/// The SQLite ledger keeps it beside its file (`LEDGER.checkpoint`); the PostgreSQL ledger where
/// its address's `checkpoint=` item names (one file per machine that appends: each checks what it
/// wrote).
public struct LedgerCheckpoint: Equatable, Sendable {
    public static let suffix = ".checkpoint"

    public var entries: Int
    public var head: String

    public init(entries: Int, head: String) {
        self.entries = entries
        self.head = head
    }

    /// Reads a checkpoint file; nil when there is none or it is not one.
    public init?(file: String) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        var entries: Int?
        var head: String?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "entries" { entries = Int(parts[1]) }
            if parts[0] == "head" { head = parts[1] }
        }
        guard let entries, let head, entries >= 0 else { return nil }
        self.init(entries: entries, head: head)
    }

    /// Writes this checkpoint to `file` (whole, by a rename) unless the file records more entries.
    public func advance(_ file: String) {
        if let current = LedgerCheckpoint(file: file), current.entries >= entries { return }
        let text = "entries \(entries)\nhead \(head)\n"
        try? Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
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
