import CreditCore
import CreditReports
import Foundation
import Testing

/// The XLSX files open in a real spreadsheet program: LibreOffice converts them back to CSV and the
/// values, Cyrillic included, come back as written. Skipped on a machine without LibreOffice, except in
/// CI (`CI=true`), where a missing LibreOffice is a failure.
@Suite("XLSX read back by LibreOffice")
struct LibreOfficeTests {
    @Test(
        "Every report's workbook converts back with its values",
        .enabled(if: LibreOffice.executable != nil || LibreOffice.isCI, "LibreOffice is not installed"),
        .timeLimit(.minutes(5)))
    func roundTrip() async throws {
        let fixture = try await ReportFixture.make()
        var workbooks: [String: Data] = [:]
        var tables: [String: ReportTable] = [:]
        for kind in ReportKind.allCases {
            let table = try fixture.table(kind)
            tables[kind.rawValue] = table
            workbooks[kind.rawValue] = try XLSXReportWriter().write(table)
        }
        let converted = try LibreOffice.convertToCSV(workbooks)
        for (name, table) in tables {
            let text = try #require(converted[name], "LibreOffice produced no CSV for \(name)")
            let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            // The title block comes first, with the report's title on the first line.
            #expect(CSVLine.split(try #require(lines.first)).first == table.title.ru, "\(name) title")
            // The header row comes back as written, below the title block.
            let header = try #require(
                lines.firstIndex { CSVLine.split($0) == table.headers(.ru) }, "\(name): no header row")
            // Every data and total row comes back cell by cell, dates as dd.mm.yyyy, numbers as numbers.
            for (index, row) in (table.rows + table.totals).enumerated() {
                let cells = CSVLine.split(lines[header + 1 + index])
                let expected = row.map { $0.plainText(.ru) }
                #expect(Array(cells.prefix(expected.count)) == expected, "\(name) row \(index + 1)")
            }
        }
        #expect(converted["credit-sheet"]?.contains("Цифровые образовательные ресурсы в работе учителя") == true)
        #expect(converted["frdo"]?.contains("Удостоверение о повышении квалификации") == true)
        #expect(converted["reconciliation"]?.contains("=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")") == true)
    }
}

/// Splits one CSV line (RFC 4180 quoting, comma-separated).
enum CSVLine {
    static func split(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", inQuotes = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\""); characters.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells
    }
}
