/// A person's entries with duplicates removed, credits in a canonical order.
///
/// Duplicates (the same entry id, or the same idempotency key) are kept once. Credits are ordered
/// by when they occurred, then by id, so the accumulation never depends on the order entries
/// arrive in.
struct DeduplicatedEntries {
    private(set) var credits: [LedgerEntry] = []
    private var reversalByCredit: [EntryID: EntryID] = [:]

    init(_ entries: some Sequence<LedgerEntry>) {
        var seenIDs: Set<EntryID> = []
        var seenKeys: Set<String> = []
        let ordered = entries.sorted {
            ($0.occurredAt, $0.id.rawValue, $0.idempotencyKey)
                < ($1.occurredAt, $1.id.rawValue, $1.idempotencyKey)
        }
        for entry in ordered {
            guard seenIDs.insert(entry.id).inserted, seenKeys.insert(entry.idempotencyKey).inserted
            else { continue }
            switch entry.kind {
            case .credit:
                credits.append(entry)
            case .reversal(let target):
                // The earliest reversal of a credit is the one reported; any later one changes nothing.
                if reversalByCredit[target] == nil { reversalByCredit[target] = entry.id }
            }
        }
    }

    func reversal(of credit: EntryID) -> EntryID? { reversalByCredit[credit] }
}
