import BridgeApplication
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Console reports and plan")
struct ConsoleReportsTests {
    static let header = "СНИЛС;Фамилия;Имя;Отчество;Модуль;Дата"
    /// Кузнецова, a teacher: 36 h in person on 14.03.2026 and 36 h at a distance on 20.03.2026.
    static let sheet = """
        \(header)
        112-233-445 95;Кузнецова;Ирина;Павловна;OCH-MET-01;14.03.2026
        112-233-445 95;Кузнецова;Ирина;Павловна;ICT-01;20.03.2026

        """

    @Test("the Reports page and its downloads need a session")
    func needsSession() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            for path in ["/reports", "/reports/download?kind=plan&format=csv", "/plan", "/plan?from=2026-01"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .seeOther && response.headers[.location] == "/login", "\(path)")
            }
        }
    }

    @Test("a CSV download is the report's table with its header row, as an attachment named KIND.csv")
    func csvDownload() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(Self.sheet)
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("viewer")
            let form = String(buffer: try await browser.get("/reports").body)
            #expect(form.contains("id=\"report-form\"") && form.contains("<option value=\"credit-sheet\""))
            #expect(form.contains("id=\"csv-note\""))
            let response = try await browser.get(
                "/reports/download?kind=credit-sheet&format=csv&lang=ru&person=112-233-445%2095&from=&asOf=2026-05-31")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"credit-sheet.csv\"")
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.first?.hasPrefix("Дата;Модуль;Наименование;Форма;Часы;") == true)
            #expect(lines.count(where: { $0.hasPrefix("14.03.2026;OCH-MET-01;") }) == 1)
            #expect(lines.count(where: { $0.hasPrefix("20.03.2026;ICT-01;") }) == 1)
            // English labels are separated by commas.
            let english = try await browser.get("/reports/download?kind=plan&format=csv&lang=en")
            let englishText = String(decoding: Array(english.body.readableBytesView).dropFirst(3), as: UTF8.self)
            #expect(englishText.hasPrefix("Month,Form,Category,Planned learners,Trained learners,"))
            #expect(english.headers[.contentDisposition] == "attachment; filename=\"plan.csv\"")
        }
    }

    @Test("XLSX is a zip (PK), JSON carries the report with its heading")
    func xlsxAndJSON() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(Self.sheet)
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("viewer")
            let xlsx = try await browser.get("/reports/download?kind=centres&format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(
                xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(xlsx.headers[.contentDisposition] == "attachment; filename=\"centres.xlsx\"")
            #expect(Array(xlsx.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            let json = try await browser.get("/reports/download?kind=plan&format=json&from=2026-03-01&to=2026-03-31")
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.body.readableBytesView)) as? [String: Any])
            #expect(object["report"] as? String == "plan")
            let text = String(buffer: json.body)
            #expect(text.contains("Период: с 01.03.2026 по 31.03.2026"))
        }
    }

    @Test("a criterion the report refuses is named on the form's page, the form kept; nothing downloads")
    func refusedCriterion() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("viewer")
            let refused = try await browser.get("/reports/download?kind=plan&format=xlsx&site=ripk")
            #expect(refused.status == .badRequest)
            #expect(refused.headers[.contentDisposition] == nil)
            let page = String(buffer: refused.body)
            #expect(page.contains("<p class=\"error\" id=\"error\">--site does not apply to the plan report: "))
            #expect(
                page.contains("<option value=\"plan\" selected>") && page.contains("<option value=\"xlsx\" selected>"))
            let noPerson = String(buffer: try await browser.get("/reports/download?kind=credit-sheet").body)
            #expect(noPerson.contains("the credit sheet is one learner&#39;s: name them with --person"))
            let badDay = String(buffer: try await browser.get("/reports/download?kind=plan&from=31.02.2026").body)
            #expect(badDay.contains("--from &#39;31.02.2026&#39; is not a day (dd.mm.yyyy)"))
            // This console has no connection to Moodle: the reconciliation says so.
            #expect(String(buffer: try await browser.get("/reports").body).contains("id=\"no-moodle\""))
            let reconciliation = try await browser.get("/reports/download?kind=reconciliation")
            #expect(reconciliation.status == .badRequest)
            #expect(String(buffer: reconciliation.body).contains("no connection to Moodle is configured here"))
        }
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "no route to the site" }
    }

    @Test("with a connection to Moodle the reconciliation downloads; a site it cannot read is a warning in the file")
    func reconciliation() async throws {
        let harness = try await ConsoleHarness(connect: { _, _ in throw Unreachable() })
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("viewer")
            #expect(!String(buffer: try await browser.get("/reports").body).contains("id=\"no-moodle\""))
            let response = try await browser.get("/reports/download?kind=reconciliation&format=json&site=ripk")
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"reconciliation.json\"")
            let text = String(buffer: response.body)
            #expect(text.contains("Данные неполные: сайт ripk не прочитан"))
            #expect(!text.contains("north"))
            let refused = String(
                buffer: try await browser.get("/reports/download?kind=reconciliation&centre=MMC-01").body)
            #expect(refused.contains("--centre does not apply to the reconciliation report"))
        }
    }

    @Test("the plan page: the table, and one bar per month for planned and trained, heights proportional")
    func planChart() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(Self.sheet)
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("viewer")
            let response = try await browser.get("/plan?from=2026-02&to=2026-04")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("<table id=\"plan-table\">") && page.contains("<th>План, чел.</th>"))
            #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"plan-chart\""))
            #expect(!page.contains("<script"))
            // Planned: February 210 + 120 + 100, March and April 230 + 150 + 130 learners; trained in
            // March: Кузнецова in person and at a distance (two rows of one learner each).
            let planned = Self.bars("planned", in: page)
            let trained = Self.bars("trained", in: page)
            #expect(planned.map(\.month) == ["2026-02", "2026-03", "2026-04"])
            #expect(trained.map(\.month) == ["2026-02", "2026-03", "2026-04"])
            #expect(planned.map(\.value) == [430, 510, 510])
            #expect(trained.map(\.value) == [0, 2, 0])
            #expect(planned.map(\.height) == [168.63, 200, 200])
            #expect(trained.map(\.height) == [0, 0.78, 0])
            // Heights are proportional to the numbers, and every bar stands on the same baseline.
            for bar in planned + trained {
                #expect(abs(bar.height - Double(bar.value) * 200 / 510) <= 0.005, "\(bar)")
            }
            #expect(Set((planned + trained).map { $0.y + $0.height }) == [212])

            let teachers = String(buffer: try await browser.get("/plan?category=methodist").body)
            #expect(teachers.contains("Категория: методисты"))
            let bad = try await browser.get("/plan?from=2026-13")
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("from &#39;2026-13&#39; is not a month (yyyy-mm)"))
            let halfMonth = try await browser.get("/plan?from=2026-03&to=2026-02")
            #expect(String(buffer: halfMonth.body).contains("the period is empty"))
        }
    }

    struct Bar: Equatable {
        var month: String
        var value: Int
        var y: Double
        var height: Double
    }

    /// The bars of class `kind` in the page's SVG.
    static func bars(_ kind: String, in page: String) -> [Bar] {
        page.components(separatedBy: "<rect class=\"\(kind)\" ").dropFirst().compactMap { rest in
            let tag = rest.prefix { $0 != ">" }
            func attribute(_ name: String) -> String? {
                guard
                    let range = tag.range(of: " \(name)=\"")
                        ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil)
                else { return nil }
                return String(tag[range.upperBound...].prefix { $0 != "\"" })
            }
            guard let month = attribute("data-month"), let value = attribute("data-value").flatMap(Int.init),
                let y = attribute("y").flatMap(Double.init), let height = attribute("height").flatMap(Double.init)
            else { return nil }
            return Bar(month: month, value: value, y: y, height: height)
        }
    }
}
