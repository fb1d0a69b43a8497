import CreditCore
import CreditReports
import Foundation
import Testing

/// A module titled like a formula must come out as inert text in every spreadsheet format.
@Suite("Formula injection")
struct FormulaInjectionTests {
    static let evil = "=HYPERLINK(\"http://evil\",\"x\")"

    static func table() async throws -> ReportTable {
        var mapping = try ReportFixture.mapping()
        let index = mapping.modules.firstIndex { $0.module.id == "ICT-01" }!
        mapping.modules[index].module.title = evil
        let fixture = try await ReportFixture.make(mapping: mapping)
        return try CreditSheetBuilder().build(person: "P-0001", snapshot: fixture.snapshot, context: fixture.context)
    }

    @Test("CSV prefixes the formula with a quote")
    func csv() async throws {
        let text = String(decoding: CSVReportWriter().write(try await Self.table()), as: UTF8.self)
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""))
        #expect(!text.contains(",=HYPERLINK"))
        #expect(!text.contains(",\"=HYPERLINK"))
    }

    @Test("Every trigger character is neutralised", arguments: ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func triggers(text: String) {
        #expect(FormulaGuard.neutralised(text) == "'" + text)
    }

    @Test("Ordinary text is left alone", arguments: ["Иванова", "ИКТ-01", "12", ""])
    func ordinary(text: String) {
        #expect(FormulaGuard.neutralised(text) == text)
    }

    @Test("XLSX writes it as a string cell, never a formula")
    func xlsx() async throws {
        let data = try XLSXReportWriter().write(try await Self.table())
        let content = try XLSXContent(data)
        let cell = try #require(content.cells.first { $0.value.contains("HYPERLINK") })
        #expect(cell.type == "s")
        #expect(cell.value == Self.evil)
        let process = Process()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evil-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", file.path, "xl/worksheets/sheet1.xml"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let sheet = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!sheet.contains("<f>"))
    }
}
