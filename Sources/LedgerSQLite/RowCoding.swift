import CreditCore
import Foundation

/// How dates are written to and read from columns (kinds and sources: see `LedgerEntry+Storage`).
enum RowCoding {
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}
