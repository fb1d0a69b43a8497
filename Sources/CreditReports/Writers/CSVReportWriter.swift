import Foundation

/// Writes a report as CSV: UTF-8 with a byte-order mark (so spreadsheet programs detect the encoding),
/// RFC 4180 quoting, CRLF line ends, and cells neutralised against formula injection.
public struct CSVReportWriter: Sendable {
    /// The field separator: `,`, or `;` for spreadsheet programs in a Russian locale.
    public enum Separator: String, CaseIterable, Sendable {
        case comma
        case semicolon

        var character: String { self == .comma ? "," : ";" }
    }

    public var separator: Separator
    public var language: ReportLanguage

    public init(separator: Separator = .comma, language: ReportLanguage = .ru) {
        self.separator = separator
        self.language = language
    }

    /// The header, the rows, then (after an empty line) the summary as label–value pairs.
    public func write(_ table: ReportTable) -> Data {
        var lines = [line(table.headers(language).map(ReportCell.text))]
        lines += table.rows.map(line)
        if !table.summary.isEmpty {
            lines.append("")
            lines += table.summary.map { line([.label($0.label), $0.value]) }
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data(lines.map { $0 + "\r\n" }.joined().utf8)
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
