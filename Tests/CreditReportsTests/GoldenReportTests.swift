import CreditCore
import CreditReports
import Foundation
import Testing

/// Every report on the fixed data set, in every format, against its golden file.
@Suite("Golden reports")
struct GoldenReportTests {
    @Test("CSV", arguments: ReportKind.allCases)
    func csv(kind: ReportKind) async throws {
        let table = try await ReportFixture.make().table(kind)
        let data = CSVReportWriter().write(table)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        try Golden.check(String(decoding: data.dropFirst(3), as: UTF8.self), file: "\(kind.rawValue).csv")
    }

    @Test("JSON", arguments: ReportKind.allCases)
    func json(kind: ReportKind) async throws {
        let table = try await ReportFixture.make().table(kind)
        let data = JSONReportWriter().write(table)
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
        try Golden.check(String(decoding: data, as: UTF8.self), file: "\(kind.rawValue).json")
    }

    @Test("CSV summary and further sheets, each a table of its own", arguments: ReportKind.allCases)
    func csvCompanions(kind: ReportKind) async throws {
        let table = try await ReportFixture.make().table(kind)
        let files = try ReportFormat.csv.files(table, name: kind.rawValue)
        #expect(files.map(\.name).first == "\(kind.rawValue).csv")
        for file in files.dropFirst() {
            try Golden.check(String(decoding: file.data.dropFirst(3), as: UTF8.self), file: file.name)
        }
    }

    @Test("XLSX, compared by content", arguments: ReportKind.allCases)
    func xlsx(kind: ReportKind) async throws {
        let table = try await ReportFixture.make().table(kind)
        let content = try XLSXContent(try XLSXReportWriter().write(table))
        try Golden.check(content.text, file: "\(kind.rawValue).xlsx.txt")
    }

    @Test("English labels and the semicolon separator")
    func englishSemicolon() async throws {
        let table = try await ReportFixture.make().table(.creditSheet)
        let data = CSVReportWriter(separator: .semicolon, language: .en).write(table)
        try Golden.check(String(decoding: data.dropFirst(3), as: UTF8.self), file: "credit-sheet.en.semicolon.csv")
        try Golden.check(
            String(decoding: JSONReportWriter(language: .en).write(table), as: UTF8.self), file: "credit-sheet.en.json")
    }
}
