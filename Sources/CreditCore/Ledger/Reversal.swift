import Foundation

/// The rule every reversal keeps, whoever writes it (a registrar by hand, or the sync when a site's
/// policy reverses a revoked completion): a credit is reversed at most once, and a reversal is never
/// itself reversed.
///
/// Both writers give a reversal the same idempotency key, ``key(of:)``, so that even two writers at
/// the same moment write one reversal; ``refusal(of:in:)`` names the earlier reversal before anything
/// is written (it also finds reversals written under the keys of earlier versions).
public enum Reversal {
    /// The idempotency key of the reversal of `credit`.
    public static func key(of credit: EntryID) -> String { "reversal/\(credit)" }

    /// Why `entry` cannot be reversed, given the ledger's `entries`; nil when it can.
    public enum Refusal: Hashable, Sendable {
        /// The entry is itself a reversal.
        case notACredit(EntryID)
        /// The credit is already reversed by the given entry.
        case alreadyReversed(EntryID, by: LedgerEntry)
    }

    /// Why `entry` cannot be reversed, or nil when it can.
    public static func refusal(of entry: LedgerEntry, in entries: [LedgerEntry]) -> Refusal? {
        guard entry.isCredit else { return .notACredit(entry.id) }
        if let earlier = entries.first(where: { $0.kind == .reversal(of: entry.id) }) {
            return .alreadyReversed(entry.id, by: earlier)
        }
        return nil
    }
}
