import CreditReports
import Foundation

/// Refuses a day after today (in the region) where it would be written into the ledger or onto a
/// document — a credit, a route's start, an issue date — unless `--allow-future` says it is meant.
struct FutureDates {
    let timeZone: TimeZone
    var now = Date()

    /// Today in the region.
    var today: ReportDay { ReportDay(now, in: timeZone) }

    /// Whether `date` falls on a day after today.
    func isFuture(_ date: Date) -> Bool { ReportDay(date, in: timeZone) > today }

    /// Why `date`, given as `text` for `what`, is refused; nil when it is not in the future.
    func refusal(_ date: Date, text: String, what: String) -> String? {
        guard isFuture(date) else { return nil }
        return "\(what) '\(text)' is in the future (today is \(today.russian)); "
            + "pass --allow-future if that date is meant"
    }

    /// Throws the refusal of a future `date` unless `allowed`.
    func check(_ date: Date, text: String, what: String, allowed: Bool) throws {
        guard !allowed, let refusal = refusal(date, text: text, what: what) else { return }
        throw CLIError(refusal)
    }
}
