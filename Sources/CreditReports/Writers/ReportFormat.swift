import CreditCore
import Foundation

/// The file formats a report is written in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv
    case xlsx
    case json

    /// The file extension.
    public var fileExtension: String { rawValue }

    /// One file of a written report: its name (from the report's name) and its bytes.
    public struct File: Sendable {
        public var name: String
        public var data: Data
    }

    /// Writes `table` in this format: one file (the table itself).
    public func render(
        _ table: ReportTable, language: ReportLanguage = .ru, separator: CSVReportWriter.Separator? = nil
    ) throws -> Data {
        switch self {
        case .csv: CSVReportWriter(separator: separator, language: language).write(table)
        case .json: JSONReportWriter(language: language).write(table)
        case .xlsx: try XLSXReportWriter(language: language).write(table)
        }
    }

    /// Every file of `table` named `name`: in XLSX and JSON one file holds everything; CSV holds one
    /// table per file, so the summary goes to `NAME-summary.csv` and each further sheet to
    /// `NAME-KEY.csv`.
    public func files(
        _ table: ReportTable, name: String, language: ReportLanguage = .ru,
        separator: CSVReportWriter.Separator? = nil
    ) throws -> [File] {
        var files = [
            File(name: "\(name).\(fileExtension)", data: try render(table, language: language, separator: separator))
        ]
        if self == .csv {
            let writer = CSVReportWriter(separator: separator, language: language)
            if let summary = writer.summary(table) { files.append(File(name: "\(name)-summary.csv", data: summary)) }
            for sheet in table.sheets {
                files.append(File(name: "\(name)-\(sheet.key).csv", data: writer.sheet(sheet)))
            }
        }
        return files
    }
}

extension ReconciliationBuilder {
    /// The reconciliation report for the sync's `items`, written in `format`: what the sync calls.
    public func render(
        items: [ReconciliationItem], persons: [CreditCore.Person] = [], format: ReportFormat,
        language: ReportLanguage = .ru, separator: CSVReportWriter.Separator? = nil
    ) throws -> Data {
        try format.render(build(items: items, persons: persons), language: language, separator: separator)
    }
}
