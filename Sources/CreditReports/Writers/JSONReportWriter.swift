import Foundation

/// Writes a report as JSON: the heading (title, institution, criteria, the day made, whether the data
/// are incomplete and why), the columns with their labels, the data rows as objects keyed by column
/// key, the total rows in `totals`, the summary, and further sheets. Keys keep a stable order; numbers
/// stay numbers, dates are `yyyy-MM-dd`.
public struct JSONReportWriter: Sendable {
    public var language: ReportLanguage

    public init(language: ReportLanguage = .ru) { self.language = language }

    public func write(_ table: ReportTable) -> Data {
        let heading = table.heading
        var fields: [(String, String)] = [
            ("report", string(table.kind.rawValue)),
            ("language", string(language.rawValue)),
            ("title", string(table.title.text(language))),
            ("institution", heading.institution.map(string) ?? "null"),
            ("criteria", list(heading.criteria.map { string($0.text(language)) }, indent: 2)),
            ("madeOn", heading.madeOn.map { string($0.iso) } ?? "null"),
            ("incomplete", heading.isIncomplete ? "true" : "false"),
            ("warnings", list(heading.warnings.map { string($0.text(language)) }, indent: 2)),
            ("columns", columns(table.columns, indent: 2)),
            ("rows", rows(table.rows, columns: table.columns, indent: 2)),
            ("totals", rows(table.totals, columns: table.columns, indent: 2)),
            (
                "summary",
                list(
                    table.summary.map {
                        "{\"key\": \(string($0.key)), \"label\": \(string($0.label.text(language))), "
                            + "\"value\": \(value($0.value))}"
                    }, indent: 2)
            ),
        ]
        if !table.sheets.isEmpty {
            fields.append(
                (
                    "sheets",
                    list(
                        table.sheets.map { sheet in
                            "{\n      \"key\": \(string(sheet.key)),\n      \"name\": \(string(sheet.name.text(language))),\n"
                                + "      \"columns\": \(columns(sheet.columns, indent: 6)),\n"
                                + "      \"rows\": \(rows(sheet.rows, columns: sheet.columns, indent: 6))\n    }"
                        }, indent: 2)
                ))
        }
        let body = fields.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n")
        return Data("{\n\(body)\n}\n".utf8)
    }

    private func columns(_ columns: [ReportColumn], indent: Int) -> String {
        list(
            columns.map { "{\"key\": \(string($0.key)), \"label\": \(string($0.label.text(language)))}" },
            indent: indent)
    }

    private func rows(_ rows: [[ReportCell]], columns: [ReportColumn], indent: Int) -> String {
        list(
            rows.map { row in
                "{" + zip(columns, row).map { "\(string($0.key)): \(value($1))" }.joined(separator: ", ") + "}"
            }, indent: indent)
    }

    /// A JSON array, one element a line, indented under a key at `indent` spaces.
    private func list(_ elements: [String], indent: Int) -> String {
        guard !elements.isEmpty else { return "[]" }
        let pad = String(repeating: " ", count: indent + 2)
        return "[\n" + elements.map { pad + $0 }.joined(separator: ",\n") + "\n"
            + String(repeating: " ", count: indent) + "]"
    }

    private func value(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let text): string(text)
        case .label(let text): string(text.text(language))
        case .integer(let number): String(number)
        case .hours(let hours): String(hours.value)
        case .date(let day): string(day.iso)
        case .empty: "null"
        }
    }

    // Hand-written so the key order is the column order, whatever the encoder does.
    private func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
