/// How an entry's kind and source are written to, and read from, a database's text columns; one
/// shape for every ledger backend, so a ledger moved between them reads the same.
extension LedgerEntry.Kind {
    /// `credit` or `reversal`.
    public var storageName: String {
        switch self {
        case .credit: "credit"
        case .reversal: "reversal"
        }
    }

    /// The id of the credit a reversal cancels.
    public var reversedEntry: EntryID? {
        if case .reversal(let target) = self { return target }
        return nil
    }

    /// The kind stored as `name`, with the credit it reverses.
    public init(storageName name: String, reverses: String?) {
        if name == "reversal", let reverses {
            self = .reversal(of: EntryID(reverses))
        } else {
            self = .credit
        }
    }
}

extension EntrySource {
    /// Reads ``canonicalText`` back. A file name or a document may itself hold `|`.
    public init(canonicalText text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "moodle" where parts.count == 4:
            self = .moodle(site: SiteID(parts[1]), courseID: Int(parts[2]) ?? 0, userID: Int(parts[3]) ?? 0)
        case "sheet" where parts.count >= 3:
            self = .sheet(file: parts[1..<(parts.count - 1)].joined(separator: "|"), row: Int(parts.last!) ?? 0)
        default:
            self = .manual(
                operator: parts.count > 1 ? parts[1] : "", document: parts.dropFirst(2).joined(separator: "|"))
        }
    }
}
