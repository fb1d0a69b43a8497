import CreditCore
import CreditReports
import Foundation
import Testing

/// The writers' contracts on a small hand-made table.
@Suite("Writers")
struct WriterTests {
    static let table = ReportTable(
        kind: .centres, title: LocalizedText(ru: "Тест", en: "Test"),
        columns: [
            ReportColumn("a", ru: "Текст", en: "Text"), ReportColumn("b", ru: "Число", en: "Number"),
            ReportColumn("c", ru: "Дата", en: "Date"),
        ],
        rows: [
            [.text("кавычка \" и ; запятая,"), .integer(-5), .date(ReportDay(year: 2026, month: 3, day: 1))],
            [.text("строка\nвторая"), .hours(12), .empty],
            [.text("-1 is text"), .integer(0), .empty],
        ])

    @Test("CSV quotes per RFC 4180, ends lines with CRLF and starts with a BOM")
    func csvQuoting() {
        let data = CSVReportWriter(separator: .comma).write(Self.table)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(
            text
                == "Текст,Число,Дата\r\n\"кавычка \"\" и ; запятая,\",-5,01.03.2026\r\n\"строка\nвторая\",12,\r\n'-1 is text,0,\r\n"
        )
    }

    @Test("The semicolon separator quotes cells holding a semicolon")
    func csvSemicolon() {
        let text = String(
            decoding: CSVReportWriter(separator: .semicolon).write(Self.table).dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("Текст;Число;Дата\r\n\"кавычка \"\" и ; запятая,\";-5;01.03.2026\r\n"))
    }

    @Test("JSON keeps numbers as numbers, dates as ISO days and empty cells as null")
    func json() throws {
        let data = JSONReportWriter(language: .en).write(Self.table)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows[0]["b"] as? Int == -5)
        #expect(rows[0]["c"] as? String == "2026-03-01")
        #expect(rows[1]["c"] is NSNull)
        #expect(object["title"] as? String == "Test")
    }

    @Test("XLSX writes numbers as numbers and dates as dates under a header")
    func xlsx() throws {
        let content = try XLSXContent(try XLSXReportWriter().write(Self.table))
        #expect(content.table("A", 0)?.value == "Текст")
        #expect(content.table("B", 1)?.type == "n")
        #expect(content.table("B", 1)?.value == "-5")
        #expect(content.table("B", 2)?.value == "12")
        #expect(content.table("C", 1)?.type == "n")
        #expect(content.table("A", 2)?.value == "строка\nвторая")
    }

    @Test("A Russian-locale CSV: `;` by default, a BOM, one table and its total row, nothing after it")
    func russianLocaleCSV() async throws {
        let table = try await ReportFixture.make().table(.centres)
        let data = CSVReportWriter(language: .ru).write(table)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.last == "")
        let content = lines.dropLast()
        #expect(content.count == 1 + table.rows.count + table.totals.count)
        #expect(!content.contains(""), "no blank line, no trailing summary")
        #expect(content.allSatisfy { $0.split(separator: ";", omittingEmptySubsequences: false).count == 8 })
        #expect(content.last?.hasPrefix("Итого;") == true)
        #expect(CSVReportWriter(language: .en).separator == .comma)
    }

    @Test("JSON rows hold data rows only; totals, summary and heading have their own keys")
    func jsonShape() async throws {
        var table = try await ReportFixture.make().table(.plan)
        table.heading.warnings = [LocalizedText(ru: "Сайт north не прочитан", en: "Site north was not read")]
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONReportWriter().write(table)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        let totals = try #require(object["totals"] as? [[String: Any]])
        #expect(rows.count == table.rows.count)
        #expect(!rows.contains { ($0["month"] as? String) == "Всего" || ($0["month"] as? String) == "Итого" })
        #expect(totals.last?["month"] as? String == "Всего")
        #expect(object["incomplete"] as? Bool == true)
        #expect(object["warnings"] as? [String] == ["Сайт north не прочитан"])
        #expect(object["institution"] as? String == table.heading.institution)
        #expect(object["madeOn"] as? String == "2026-02-03")
    }

    @Test("Statements list module rows only, and each route's total on a sheet of its own")
    func statementsWithoutPseudoRows() async throws {
        let table = try await ReportFixture.make().table(.statements)
        #expect(!table.rows.isEmpty)
        #expect(!table.rows.contains { $0.contains(.label(LocalizedText(ru: "Итого", en: "Total"))) })
        let learners = try #require(table.sheets.first { $0.key == "learners" })
        #expect(learners.rows.count == 1)
        #expect(learners.rows[0].last == .hours(CreditHours(14)))
    }

    @Test("XLSX: title block, a frozen and filtered header, A4 fitted to the width, header on every page")
    func xlsxLayout() async throws {
        var table = try await ReportFixture.make().table(.certificates)
        table.heading.warnings = [LocalizedText(ru: "Данные неполны: сайт north не прочитан", en: "Incomplete")]
        let content = try XLSXContent(try XLSXReportWriter().write(table))
        #expect(content.sheetNames == ["Удостоверения", "Итоги", "Не хватает данных"])
        let sheet = try #require(content.sheets.first)
        #expect(sheet.value("A1")?.value == table.title.ru)
        #expect(sheet.value("A2")?.value == table.heading.institution)
        #expect(sheet.cells.contains { $0.value == "Данные неполны: сайт north не прочитан" })
        let header = sheet.headerRow
        #expect(header > 4)
        #expect(sheet.table("A", 0)?.value == "Регистрационный номер")
        #expect(sheet.frozenRows == String(header))
        #expect(sheet.printTitles == "$\(header):$\(header)")
        #expect(sheet.autoFilter == "A\(header):Q\(header + table.rows.count)")
        #expect(sheet.paperSize == "9")
        #expect(sheet.orientation == "landscape")
        #expect(sheet.fitToHeight == "0")
        #expect(sheet.footer?.contains("&P") == true)
        // The header row is tall enough for its wrapped labels: «Регистрационный номер» takes two lines.
        #expect(Double(sheet.heights[header] ?? "0")! >= 30)
        // A narrow table prints in portrait.
        let narrow = try XLSXContent(try XLSXReportWriter().write(Self.table))
        #expect(narrow.sheets[0].orientation == "portrait")
        let summary = try #require(content.sheets.dropFirst().first)
        #expect(summary.value("A1")?.value == table.title.ru)
        #expect(summary.cells.contains { $0.value == "Выдано" })
    }
}
