import BridgeApplication
import CreditCore
import Foundation
import HummingbirdTesting
import LedgerSQLite
import Testing

/// The console in a real headless Chromium, over a ledger the demo synced from the fake Moodle
/// sites. Each page it reaches is saved as a PNG in `$CONSOLE_SCREENSHOTS` (default
/// `.build/console-screenshots`).
@Suite("Console in a browser", .enabled(if: BrowserTools.isEnabled, BrowserTools.skipReason), .serialized)
struct ConsoleBrowserTests {
    static let screenshots: URL = {
        if let folder = ProcessInfo.processInfo.environment["CONSOLE_SCREENSHOTS"], !folder.isEmpty {
            return URL(fileURLWithPath: folder)
        }
        return ConsoleHarness.root.appendingPathComponent(".build/console-screenshots")
    }()

    /// Runs `moodle-bridge demo` into a fresh folder and returns its ledger's path and what it printed.
    static func demoLedger() throws -> (path: String, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("moodle-bridge")
        process.arguments = ["demo", "--out", folder.appendingPathComponent("out").path]
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "moodle-bridge demo failed: \(printed)")
        return (folder.appendingPathComponent("out/ledger.sqlite").path, printed)
    }

    static func day(_ date: Date) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "Europe/Moscow")
        format.dateFormat = "dd.MM.yyyy"
        return format.string(from: date)
    }

    @Test("sign in, search, card, a sheet refused then written, CSRF, escaping, a viewer refused")
    func walkThrough() async throws {
        _ = try BrowserTools.require()
        let demo = try Self.demoLedger()
        #expect(demo.output.contains("moodle-bridge console --ledger"))
        #expect(demo.output.contains("moodle-bridge staff add admin --role admin"))
        let ledger = try SQLiteLedger(path: demo.path)
        let now = Date()
        let harness = try await ConsoleHarness(ledger: ledger, now: now)
        let yesterday = Self.day(now.addingTimeInterval(-86_400))
        // A learner whose name is markup, as a careless or hostile sheet could bring.
        let hostile = try await harness.importSheet(
            "СНИЛС;Фамилия;Имя;Модуль;Дата\n\(try SNILS(parsing: "987654321" + SNILS.checksum(ofFirstNine: "987654321")).formatted);<script>alert(1)</script>;Ирина;OCH-ADM-01;\(yesterday)\n",
            file: "hostile.csv")
        #expect(hostile.written == 1, "\(hostile.problems)")
        // A learner the sync brought (the demo's Moodle users carry no valid SNILS, so a sheet cannot
        // name them), and a learner of an earlier sheet, whom the sheet uploaded in the browser credits.
        let entries = try await ledger.entries(person: nil)
        let learner = try #require(
            try await ledger.persons().first { person in
                person.lastName.count >= 4 && entries.contains { $0.person == person.id && $0.isCredit }
                    && entries.contains { entry in
                        guard entry.person == person.id, case .moodle = entry.source else { return false }
                        return true
                    }
            })
        let sokolovaSNILS = try SNILS(parsing: "123123123" + SNILS.checksum(ofFirstNine: "123123123")).formatted
        let header = "СНИЛС;Фамилия;Имя;Модуль;Дата"
        let earlier = try await harness.importSheet(
            "\(header)\n\(sokolovaSNILS);Соколова;Вера;OCH-ADM-01;\(yesterday)\n", file: "earlier.csv")
        #expect(earlier.written == 1, "\(earlier.problems)")
        let sokolova = try #require(try await ledger.persons().first { $0.lastName == "Соколова" })
        let badSheet =
            "\(header)\n\(sokolovaSNILS);Соколова;Вера;OCH-MET-01;\(yesterday)\n"
            + "\(sokolovaSNILS);Соколова;Вера;OCH-NO-SUCH;31.02.2026\n"
        let goodSheet = "\(header)\n\(sokolovaSNILS);Соколова;Вера;OCH-MET-01;\(yesterday)\n"
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("console-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let badFile = files.appendingPathComponent("bad-sheet.csv")
        let goodFile = files.appendingPathComponent("good-sheet.csv")
        try Data(badSheet.utf8).write(to: badFile)
        try Data(goodSheet.utf8).write(to: goodFile)

        try await harness.test(.live) { client in
            let port = try #require(client.port)
            let site = "http://127.0.0.1:\(port)"
            let browser = try await WebDriver()
            do {
                try await walk(
                    browser, site: site, ledger: ledger, learner: learner, sheetLearner: sokolova, bad: badFile,
                    good: goodFile)
                await browser.quit()
            } catch {
                try? await browser.screenshot(to: Self.screenshots.appendingPathComponent("failure.png"))
                await browser.quit()
                throw error
            }
        }
    }

    func walk(
        _ browser: WebDriver, site: String, ledger: SQLiteLedger, learner: Person, sheetLearner: Person, bad: URL,
        good: URL
    ) async throws {
        func shot(_ name: String) async throws {
            try await browser.screenshot(to: Self.screenshots.appendingPathComponent("\(name).png"))
        }
        func signIn(_ login: String) async throws {
            try await browser.open("\(site)/login")
            try await browser.type("#login", login)
            try await browser.type("#password", ConsoleHarness.password)
            try await browser.click("#sign-in")
            // The sign-in answers with a redirect to the dashboard: wait for it, as a person waits
            // for the page, before going anywhere else (else the redirect can land after the next page).
            _ = try await browser.url(becoming: "\(site)/")
        }

        // Without a session the console sends the browser to the sign-in page.
        try await browser.open("\(site)/learners")
        #expect(try await browser.url(becoming: "\(site)/login") == "\(site)/login")
        try await shot("login")
        try await signIn("registrar")
        #expect(try await browser.url(becoming: "\(site)/") == "\(site)/")
        #expect(try await browser.text("h1") == "Сводка")
        try await shot("dashboard")

        // Search by part of the name, open the card.
        try await browser.open("\(site)/learners")
        let part = String(learner.lastName.prefix(4)).lowercased()
        try await browser.type("#q", part)
        try await browser.click("#search")
        #expect(try await browser.text("#matches").contains(learner.fullName))
        try await shot("learners")
        try await browser.click("#matches a[href='/learners/\(learner.id.rawValue)']")
        #expect(try await browser.text("h1") == learner.fullName)
        #expect(try await browser.text("#routes").contains("/ 72"))
        #expect(try await browser.text("#entries").contains("E"))
        try await shot("learner")
        // The learner the sheet will credit, before it.
        try await browser.open("\(site)/learners/\(sheetLearner.id.rawValue)")
        let hoursBefore = try await browser.text("#routes")
        #expect(hoursBefore.contains("24 / 72"))
        #expect(!(try await browser.text("#entries")).contains("OCH-MET-01"))

        // A sheet with a bad row: every error shown with its row and column, nothing written.
        let count = try await ledger.entryCount()
        try await browser.open("\(site)/sheets")
        try await shot("sheets")
        try await browser.type("#sheet", bad.path)
        try await browser.click("#check")
        #expect(try await browser.text("#refused").contains("ничего не записано"))
        let problems = try await browser.text("#problems")
        #expect(problems.contains("Модуль") && problems.contains("OCH-NO-SUCH") && problems.contains("Дата"))
        #expect(try await ledger.entryCount() == count)
        try await shot("sheet-errors")

        // Fixed, it is checked, then written; the card shows the new hours.
        try await browser.open("\(site)/sheets")
        try await browser.type("#sheet", good.path)
        try await browser.click("#check")
        #expect(try await browser.text("#ready").isEmpty == false)
        #expect(try await ledger.entryCount() == count)
        try await shot("sheet-check")
        try await browser.click("#commit")
        #expect(try await browser.text("#written") == "1")
        #expect(try await ledger.entryCount() == count + 1)
        try await shot("sheet-written")
        try await browser.open("\(site)/learners/\(sheetLearner.id.rawValue)")
        let entriesAfter = try await browser.text("#entries")
        #expect(entriesAfter.contains("OCH-MET-01") && entriesAfter.contains("good-sheet.csv, строка 2"))
        let hoursAfter = try await browser.text("#routes")
        #expect(hoursAfter != hoursBefore && hoursAfter.contains("60 / 72"))
        try await shot("learner-after-sheet")

        // A form whose CSRF token was taken out is refused, and nothing is written.
        try await browser.open("\(site)/sheets")
        try await browser.run("document.querySelector('form.upload input[name=csrf]').remove()")
        try await browser.type("#sheet", good.path)
        try await browser.click("#check")
        #expect(try await browser.text("#error").contains("Форма устарела"))
        #expect(try await ledger.entryCount() == count + 1)
        try await shot("csrf-refused")

        // The learner named <script>alert(1)</script> is text: no dialog, the markup escaped.
        try await browser.open("\(site)/learners?q=%3Cscript")
        #expect(try await browser.text("#matches").contains("<script>alert(1)</script> Ирина"))
        try await browser.click("#matches a")
        #expect(try await browser.text("h1") == "<script>alert(1)</script> Ирина")
        #expect(await browser.alertText() == nil)
        #expect(try await browser.source().contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        try await shot("escaped-name")

        try await browser.open("\(site)/documents")
        try await shot("documents")

        // Plan against actual: the table and the chart the server drew.
        try await browser.open("\(site)/plan")
        #expect(try await browser.text("h1") == "План и факт")
        #expect(try await browser.text("#plan-table").contains("Всего"))
        #expect(try await browser.source().contains("id=\"plan-chart\""))
        try await shot("plan")
        try await browser.open("\(site)/reports")
        #expect(try await browser.text("#applies").contains("План и факт"))
        try await shot("reports")

        // A viewer reads, but a write is refused.
        try await browser.click("#sign-out")
        #expect(try await browser.url(becoming: "\(site)/login") == "\(site)/login")
        try await signIn("viewer")
        try await browser.open("\(site)/sheets")
        try await browser.type("#sheet", good.path)
        try await browser.click("#check")
        #expect(try await browser.text("#error").contains("Недостаточно прав"))
        #expect(try await ledger.entryCount() == count + 1)
        try await shot("viewer-refused")

        // English, by choice: after a form the switch returns to the dashboard.
        try await browser.click("a.lang")
        #expect(try await browser.text("h1") == "Dashboard")
        try await browser.open("\(site)/learners/\(learner.id.rawValue)")
        try await shot("learner-en")
    }
}
