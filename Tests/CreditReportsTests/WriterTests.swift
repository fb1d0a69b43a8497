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
        let data = CSVReportWriter().write(Self.table)
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

    @Test("XLSX writes numbers as numbers and a bold header")
    func xlsx() throws {
        let content = try XLSXContent(try XLSXReportWriter().write(Self.table))
        #expect(content.value("A1")?.value == "Текст")
        #expect(content.value("B2") == .init(reference: "B2", type: "n", value: "-5"))
        #expect(content.value("B3") == .init(reference: "B3", type: "n", value: "12"))
        #expect(content.value("C2")?.type == "n")
        #expect(content.value("A3")?.value == "строка\nвторая")
    }
}
