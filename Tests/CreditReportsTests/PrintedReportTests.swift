import CreditCore
import CreditReports
import Foundation
import Testing

/// The workbooks as a registrar prints them: LibreOffice turns each into a PDF, and the pages are
/// counted, measured and read. Skipped on a machine without LibreOffice, except in CI (`CI=true`).
@Suite(
    "XLSX printed by LibreOffice",
    .enabled(if: LibreOffice.executable != nil || LibreOffice.isCI, "LibreOffice is not installed"),
    .timeLimit(.minutes(5)))
struct PrintedReportTests {
    @Test("Seven certificates print on one landscape A4 page")
    func certificatesOnePage() async throws {
        var table = try await ReportFixture.make().table(.certificates)
        table.rows = (0..<7).map { index in
            var row = table.rows[index % table.rows.count]
            row[0] = .text("2026-0000\(index + 1)")
            return row
        }
        // The certificates sheet alone (the summary and missing-data sheets print on pages of their own).
        table.summary = []
        table.sheets = []
        let pdf = try #require(
            try LibreOffice.convertToPDF(["certificates": try XLSXReportWriter().write(table)])["certificates"])
        let document = PDFPages(pdf)
        #expect(document.count == 1, "pages: \(document.count)")
        let first = try #require(document.sizes.first)
        #expect(first.width > first.height, "landscape: \(first)")
        #expect(abs(first.width - 842) < 2 && abs(first.height - 595) < 2, "A4: \(first)")
    }

    @Test("A long report repeats its header row on every printed page")
    func headerOnEveryPage() async throws {
        var table = try await ReportFixture.make().table(.statements)
        let row = try #require(table.rows.first)
        table.rows = Array(repeating: row, count: 150)
        table.sheets = []
        table.summary = []
        let pdf = try #require(
            try LibreOffice.convertToPDF(["statements": try XLSXReportWriter().write(table)])["statements"])
        let pages = try PDFText.pages(of: pdf)
        #expect(pages.count >= 3, "pages: \(pages.count)")
        for (index, page) in pages.enumerated() {
            // The header's labels wrap inside its row, so their words are looked for one by one.
            for word in ["Регистрационный", "Слушатель", "Наименование", "Часы"] {
                #expect(page.contains(word), "page \(index + 1) lacks the header row («\(word)»)")
            }
            #expect(page.contains("Страница \(index + 1) из \(pages.count)"), "page \(index + 1) lacks its number")
        }
        // The title block is printed once, on the first page (the title itself is also in the footer).
        let institution = try #require(table.heading.institution)
        #expect(pages[0].contains(institution.prefix(30)))
        #expect(!pages[1].contains(institution.prefix(30)))
    }

    @Test("Every report's workbook prints, its first sheet fitted to the page width", arguments: ReportKind.allCases)
    func everyReportPrints(kind: ReportKind) async throws {
        let table = try await ReportFixture.make().table(kind)
        let pdf = try #require(
            try LibreOffice.convertToPDF([kind.rawValue: try XLSXReportWriter().write(table)])[kind.rawValue])
        let pages = try PDFText.pages(of: pdf)
        #expect(!pages.isEmpty)
        // Fitted to the width: every column's header is on the first page.
        for header in table.headers(.ru) {
            let words = header.split(separator: " ").first.map(String.init) ?? header
            #expect(pages[0].contains(words), "\(kind.rawValue): «\(header)» is not on the first page")
        }
    }
}
