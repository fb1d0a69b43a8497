import CreditCore
import Foundation

/// How ledger values are written to and read from columns; shared by both SQL stores' shapes.
enum RowCoding {
    static func kindName(_ kind: LedgerEntry.Kind) -> String {
        switch kind {
        case .credit: "credit"
        case .reversal: "reversal"
        }
    }

    static func reverses(_ kind: LedgerEntry.Kind) -> String? {
        if case .reversal(let target) = kind { return target.rawValue }
        return nil
    }

    static func kind(name: String, reverses: String?) -> LedgerEntry.Kind {
        if name == "reversal", let reverses { return .reversal(of: EntryID(reverses)) }
        return .credit
    }

    static func source(_ text: String) -> EntrySource {
        // The canonical text is `kind|field|…`; a file name or a document may itself hold `|`.
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "moodle" where parts.count == 4:
            return .moodle(site: SiteID(parts[1]), courseID: Int(parts[2]) ?? 0, userID: Int(parts[3]) ?? 0)
        case "sheet" where parts.count >= 3:
            return .sheet(file: parts[1..<(parts.count - 1)].joined(separator: "|"), row: Int(parts.last!) ?? 0)
        default:
            return .manual(
                operator: parts.count > 1 ? parts[1] : "", document: parts.dropFirst(2).joined(separator: "|"))
        }
    }

    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}
