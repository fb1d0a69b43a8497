import Foundation

/// Writes a report as JSON: the title, the columns with their labels, the rows as objects keyed by
/// column key, and the summary. Keys keep a stable order; numbers stay numbers, dates are `yyyy-MM-dd`.
public struct JSONReportWriter: Sendable {
    public var language: ReportLanguage

    public init(language: ReportLanguage = .ru) { self.language = language }

    public func write(_ table: ReportTable) -> Data {
        var out = "{\n"
        out += "  \"report\": \(string(table.kind.rawValue)),\n"
        out += "  \"language\": \(string(language.rawValue)),\n"
        out += "  \"title\": \(string(table.title.text(language))),\n"
        out += "  \"columns\": ["
        out += table.columns.map { "\n    {\"key\": \(string($0.key)), \"label\": \(string($0.label.text(language)))}" }
            .joined(separator: ",")
        out += table.columns.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"rows\": ["
        out += table.rows.map { row in
            let fields = zip(table.columns, row).map { "\(string($0.key)): \(value($1))" }
            return "\n    {" + fields.joined(separator: ", ") + "}"
        }.joined(separator: ",")
        out += table.rows.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"summary\": ["
        out += table.summary.map {
            "\n    {\"key\": \(string($0.key)), \"label\": \(string($0.label.text(language))), \"value\": \(value($0.value))}"
        }.joined(separator: ",")
        out += table.summary.isEmpty ? "]\n" : "\n  ]\n"
        out += "}\n"
        return Data(out.utf8)
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
