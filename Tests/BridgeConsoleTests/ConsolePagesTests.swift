import BridgeApplication
import CreditCore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Console pages")
struct ConsolePagesTests {
    static let header = "СНИЛС;Фамилия;Имя;Отчество;Модуль;Дата"
    static let kuznetsova = "112-233-445 95;Кузнецова;Ирина;Павловна;OCH-MET-01;14.03.2026"

    @Test("search by part of the name, open the card: hours, progress, entry ids and sources")
    func searchAndCard() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet("\(Self.header)\n\(Self.kuznetsova)\n")
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("viewer")
            let results = String(buffer: try await browser.get("/learners?q=%D0%BA%D1%83%D0%B7").body)
            #expect(results.contains("<a href=\"/learners/P-11223344595\">Кузнецова Ирина Павловна</a>"))
            #expect(results.contains("112-233-445 95"))
            let none = String(buffer: try await browser.get("/learners?q=zzz").body)
            #expect(none.contains("id=\"no-matches\""))
            let card = String(buffer: try await browser.get("/learners/P-11223344595").body)
            #expect(card.contains("<h1>Кузнецова Ирина Павловна</h1>"))
            #expect(card.contains("<progress value=\"36\" max=\"72\">50%</progress>"))
            #expect(card.contains("<span class=\"route-hours\">36 / 72</span>"))
            #expect(card.contains("<td class=\"id\">E1</td>"))
            #expect(card.contains("march.csv, строка 2"))
            #expect(card.contains("очно"))
            let missing = try await browser.get("/learners/P-0")
            #expect(
                missing.status == .badRequest
                    && String(buffer: missing.body).contains("no person &#39;P-0&#39; in the ledger"))
        }
    }

    @Test("a sheet with a bad row shows each error with row and column and writes nothing; fixed, it is written")
    func sheetUpload() async throws {
        let harness = try await ConsoleHarness()
        let bad = "\(Self.header)\n\(Self.kuznetsova)\n087-654-303 00;Орлов;Сергей;;OCH-ADM-99;15.03.2026\n"
        let good = "\(Self.header)\n\(Self.kuznetsova)\n087-654-303 00;Орлов;Сергей;;OCH-ADM-01;15.03.2026\n"
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("registrar")
            let token = try await browser.csrf()
            let checked = try await browser.upload(
                "/sheets/check", file: "april.csv", contents: bad, fields: ["csrf": token])
            let page = String(buffer: checked.body)
            #expect(checked.status == .unprocessableContent)
            #expect(page.contains("id=\"refused\"") && !page.contains("id=\"commit\""))
            #expect(page.contains("<td class=\"num\">3</td><td>Модуль</td>"))
            #expect(page.contains("OCH-ADM-99"))
            #expect(try await harness.ledger.entryCount() == 0)

            let ready = try await browser.upload(
                "/sheets/check", file: "april.csv", contents: good, fields: ["csrf": token])
            let readyPage = String(buffer: ready.body)
            #expect(ready.status == .ok && readyPage.contains("id=\"commit\""))
            #expect(try await harness.ledger.entryCount() == 0)
            let contents = try #require(ConsoleBrowser.field("contents", in: readyPage))
            let written = try await browser.post(
                "/sheets/commit", form: ["csrf": token, "file": "april.csv", "contents": contents])
            #expect(written.status == .ok)
            #expect(String(buffer: written.body).contains("<dd id=\"written\">2</dd>"))
            #expect(try await harness.ledger.entryCount() == 2)
            // The staff login is the operator of the batch.
            let batch = try #require(try await harness.ledger.batches().last)
            #expect(batch.actor == "registrar" && batch.kind == .sheetImport)
        }
    }

    @Test("a learner named <script>alert(1)</script> is shown as text on every page")
    func escapesNames() async throws {
        let harness = try await ConsoleHarness()
        let sheet = "\(Self.header)\n112-233-445 95;<script>alert(1)</script>;Ирина;;OCH-MET-01;14.03.2026\n"
        #expect(try await harness.importSheet(sheet).written == 1)
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("viewer")
            for path in ["/learners?q=%3Cscript", "/learners/P-11223344595"] {
                let page = String(buffer: try await browser.get(path).body)
                #expect(!page.contains("<script>"), "\(path)")
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
        }
    }

    @Test("the dashboard and the documents page; issuing a certificate lists it")
    func dashboardAndDocuments() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(
            "\(Self.header)\n\(Self.kuznetsova)\n112-233-445 95;Кузнецова;Ирина;Павловна;ICT-01;20.03.2026\n")
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("registrar")
            let dashboard = String(buffer: try await browser.get("/").body)
            #expect(dashboard.contains("id=\"awaiting\"") && dashboard.contains("Кузнецова Ирина Павловна"))
            #expect(dashboard.contains("<dd id=\"count-entries\">2</dd>"))
            #expect(dashboard.contains("В реестре нет записей синхронизации."))
            let documents = String(buffer: try await browser.get("/documents").body)
            #expect(documents.contains("id=\"issue\""))
            let token = try await browser.csrf()
            _ = try await browser.post("/documents/issue", form: ["csrf": token])
            let after = String(buffer: try await browser.get("/documents").body)
            #expect(after.contains("2026-00001") && !after.contains("id=\"issue\""))
            #expect(String(buffer: try await browser.get("/learners/P-11223344595").body).contains("2026-00001"))
        }
    }

    @Test("Russian by default; English once chosen, remembered in a cookie")
    func language() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            #expect(String(buffer: try await browser.get("/login").body).contains("<h1>Вход</h1>"))
            let switched = try await browser.get("/language/en?back=/login")
            #expect(switched.status == .seeOther && switched.headers[.location] == "/login")
            #expect(browser.cookies["mb_lang"] == "en")
            #expect(String(buffer: try await browser.get("/login").body).contains("<h1>Sign in</h1>"))
            try await browser.signIn("viewer")
            #expect(String(buffer: try await browser.get("/").body).contains("Routes at target awaiting a certificate"))
            // The way back is a path of the console, never another site.
            #expect(try await browser.get("/language/ru?back=//evil.example").headers[.location] == "/")
        }
    }
}
