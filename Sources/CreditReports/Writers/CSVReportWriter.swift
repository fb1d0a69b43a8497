import CreditCore
import Foundation

/// Writes a report as CSV: one table per file — the header, the data rows, then the labelled total
/// rows — in UTF-8 with a byte-order mark (so spreadsheet programs detect the encoding), RFC 4180
/// quoting, CRLF line ends, and cells neutralised against formula injection. The separator is `;`
/// for Russian labels (what a spreadsheet program in a Russian locale splits on) and `,` for English,
/// unless one is chosen. The summary and further sheets are tables of their own (``summary(_:)``,
/// ``sheet(_:)``).
public struct CSVReportWriter: Sendable {
    /// The field separator: `,`, or `;` for spreadsheet programs in a Russian locale.
    public enum Separator: String, CaseIterable, Sendable {
        case comma
        case semicolon

        var character: String { self == .comma ? "," : ";" }
    }

    public var separator: Separator
    public var language: ReportLanguage

    /// A writer in `language`, with `separator` or else the language's own.
    public init(separator: Separator? = nil, language: ReportLanguage = .ru) {
        self.separator = separator ?? Self.defaultSeparator(for: language)
        self.language = language
    }

    /// `;` for Russian labels, `,` for English.
    public static func defaultSeparator(for language: ReportLanguage) -> Separator {
        language == .ru ? .semicolon : .comma
    }

    /// The header, the data rows, then the total rows.
    public func write(_ table: ReportTable) -> Data {
        file(header: table.headers(language), rows: table.rows + table.totals)
    }

    /// The summary as a table of its own (label, value), or nil when the report has none.
    public func summary(_ table: ReportTable) -> Data? {
        guard !table.summary.isEmpty else { return nil }
        let labels = [LocalizedText(ru: "Показатель", en: "Item"), LocalizedText(ru: "Значение", en: "Value")]
        return file(
            header: labels.map { $0.text(language) }, rows: table.summary.map { [.label($0.label), $0.value] })
    }

    /// A further sheet as a table of its own.
    public func sheet(_ sheet: ReportSheet) -> Data {
        file(header: sheet.columns.map { $0.label.text(language) }, rows: sheet.rows)
    }

    /// The file, line by line into one buffer: a large report is held once, as bytes, not also as
    /// lines and their concatenation.
    private func file(header: [String], rows: [[ReportCell]]) -> Data {
        var data = Data([0xEF, 0xBB, 0xBF])
        for cells in CollectionOfOne(header.map(ReportCell.text)) + rows {
            data.append(contentsOf: line(cells).utf8)
            data.append(contentsOf: [0x0D, 0x0A])
        }
        return data
    }

    private func line(_ cells: [ReportCell]) -> String {
        cells.map { cell in
            let text = cell.plainText(language)
            // Only text can smuggle a formula in; a negative number must stay a number.
            switch cell {
            case .text, .label: return quoted(FormulaGuard.neutralised(text))
            case .integer, .hours, .date, .empty: return quoted(text)
            }
        }.joined(separator: separator.character)
    }

    private func quoted(_ cell: String) -> String {
        let needsQuotes = cell.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || String($0) == separator.character }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
