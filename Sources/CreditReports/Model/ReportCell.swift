import CreditCore

/// One typed value of a report: writers decide how each type is written (a number stays a number).
public enum ReportCell: Hashable, Sendable {
    case text(String)
    /// Text that reads differently in each report language (a form, a status).
    case label(LocalizedText)
    case integer(Int)
    case date(ReportDay)
    case hours(CreditHours)
    case empty

    /// Text, or empty when `value` is nil.
    public static func optionalText(_ value: String?) -> ReportCell {
        value.map(ReportCell.text) ?? .empty
    }

    /// A date, or empty when `value` is nil.
    public static func optionalDate(_ value: ReportDay?) -> ReportCell {
        value.map(ReportCell.date) ?? .empty
    }

    /// The value as plain text in `language` (dates as dd.MM.yyyy), as CSV writes it.
    public func plainText(_ language: ReportLanguage) -> String {
        switch self {
        case .text(let value): value
        case .label(let value): value.text(language)
        case .integer(let value): String(value)
        case .date(let day): day.russian
        case .hours(let hours): String(hours.value)
        case .empty: ""
        }
    }
}
