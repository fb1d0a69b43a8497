import CreditCore
import Foundation

/// The file formats a report is written in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv
    case xlsx
    case json

    /// The file extension.
    public var fileExtension: String { rawValue }

    /// Writes `table` in this format.
    public func render(
        _ table: ReportTable, language: ReportLanguage = .ru, separator: CSVReportWriter.Separator = .comma
    ) throws -> Data {
        switch self {
        case .csv: CSVReportWriter(separator: separator, language: language).write(table)
        case .json: JSONReportWriter(language: language).write(table)
        case .xlsx: try XLSXReportWriter(language: language).write(table)
        }
    }
}

extension ReconciliationBuilder {
    /// The reconciliation report for the sync's `items`, written in `format`: what the sync calls.
    public func render(
        items: [ReconciliationItem], persons: [CreditCore.Person] = [], format: ReportFormat,
        language: ReportLanguage = .ru, separator: CSVReportWriter.Separator = .comma
    ) throws -> Data {
        try format.render(build(items: items, persons: persons), language: language, separator: separator)
    }
}
