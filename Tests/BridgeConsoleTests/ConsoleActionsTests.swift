import BridgeApplication
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The correction actions (reverse a credit, cancel a document) and the printable pages, without a
/// browser: roles, CSRF, sessions, and what each page says.
@Suite("Console corrections and printable pages")
struct ConsoleActionsTests {
    static let person = "P-11223344595"
    static let printPages = [
        "/learners/P-11223344595/statement?route=PK-72/P-11223344595/2026-03-14",
        "/learners/P-11223344595/credit-sheet", "/documents/registry",
    ]
    static let actionForms = ["/learners/P-11223344595/reverse", "/documents/cancel"]

    /// Кузнецова Ирина Павловна with 72 hours (PK-72 completed) and certificate 2026-00001 issued.
    func certified() async throws -> (ConsoleHarness, IssueDocuments.Document) {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(
            "\(ConsolePagesTests.header)\n\(ConsolePagesTests.kuznetsova)\n"
                + "112-233-445 95;Кузнецова;Ирина;Павловна;ICT-01;20.03.2026\n")
        let ledger = harness.ledger
        let issued = try await IssueDocuments(mapping: harness.mapping, ledger: { ledger }, now: harness.now)
            .run(.init())
        return (harness, try #require(issued.documents.first))
    }

    @Test("the printable pages and the new forms need a session")
    func needSession() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            for path in Self.printPages {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .seeOther && response.headers[.location] == "/login", "\(path)")
            }
            for path in Self.actionForms {
                let response = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=x&entry=E1&reason=r&document=d"))
                #expect(response.status == .seeOther && response.headers[.location] == "/login", "\(path)")
            }
        }
    }

    @Test("the new forms without the session's CSRF token are refused and write nothing")
    func csrf() async throws {
        let (harness, _) = try await certified()
        let entries = try await harness.ledger.entryCount()
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("admin")
            for form in [[:], ["csrf": String(repeating: "b", count: 64)]] {
                let reverse = try await browser.post(
                    "/learners/\(Self.person)/reverse",
                    form: form.merging(["entry": "E1", "document": "приказ 6", "reason": "ошибка"]) { a, _ in a })
                #expect(reverse.status == .forbidden && String(buffer: reverse.body).contains("Форма устарела"))
                let cancel = try await browser.post(
                    "/documents/cancel",
                    form: form.merging(["number": "2026-00001", "kind": "certificate", "reason": "ошибка"]) { a, _ in a
                    })
                #expect(cancel.status == .forbidden && String(buffer: cancel.body).contains("Форма устарела"))
            }
        }
        #expect(try await harness.ledger.entryCount() == entries)
        #expect(try await harness.ledger.documents().count == 1)
    }

    @Test(
        "a registrar's reversal is refused with 403 and the card offers them no reverse form; an admin's goes through")
    func reverseIsAdminOnly() async throws {
        let (harness, certificate) = try await certified()
        let number = try #require(certificate.registrationNumber)
        try await harness.test { client in
            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            let card = String(buffer: try await registrar.get("/learners/\(Self.person)").body)
            #expect(!card.contains("id=\"reverse-E1\"") && card.contains("id=\"cancel-\(number)\""))
            let token = try await registrar.csrf()
            let refused = try await registrar.post(
                "/learners/\(Self.person)/reverse",
                form: ["csrf": token, "entry": "E1", "document": "приказ 6", "reason": "ошибка"])
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("Недостаточно прав"))
            #expect(try await harness.ledger.entryCount() == 2)

            var admin = ConsoleBrowser(client)
            try await admin.signIn("admin")
            let adminCard = String(buffer: try await admin.get("/learners/\(Self.person)").body)
            #expect(adminCard.contains("id=\"reverse-E1\"") && adminCard.contains("id=\"no-findings\""))
            let adminToken = try await admin.csrf()
            // A reason is required: refused, naming it, and nothing written.
            let noReason = try await admin.post(
                "/learners/\(Self.person)/reverse",
                form: ["csrf": adminToken, "entry": "E1", "document": "приказ 6", "reason": " "])
            #expect(noReason.status == .badRequest)
            #expect(String(buffer: noReason.body).contains("the reason is empty; say why E1 is reversed"))
            #expect(try await harness.ledger.entryCount() == 2)

            let done = try await admin.post(
                "/learners/\(Self.person)/reverse",
                form: ["csrf": adminToken, "entry": "E1", "document": "приказ 6", "reason": "ошибка в ведомости"])
            let page = String(buffer: done.body)
            #expect(done.status == .ok)
            #expect(page.contains("<strong>E1</strong> (OCH-MET-01, 36"))
            #expect(page.contains("удостоверение \(number) опирается на аннулированную запись E1 (OCH-MET-01)"))
            let reversal = try #require(try await harness.ledger.entries(person: nil).last)
            #expect(reversal.kind == .reversal(of: "E1") && reversal.note == "ошибка в ведомости")
            #expect(reversal.source == .manual(operator: "admin", document: "приказ 6"))
            let after = String(buffer: try await admin.get("/learners/\(Self.person)").body)
            #expect(after.contains("id=\"findings\"") && after.contains("удостоверение \(number) опирается"))
            // The reversed credit offers no second reversal; the other credit still does.
            #expect(!after.contains("id=\"reverse-E1\"") && after.contains("id=\"reverse-E2\""))
        }
    }

    @Test("a registrar cancels a certificate with a reason; a viewer may not; /verify then says cancelled")
    func cancel() async throws {
        let (harness, certificate) = try await certified()
        let number = try #require(certificate.registrationNumber)
        let code = try #require(certificate.verificationCode)
        try await harness.test { client in
            var viewer = ConsoleBrowser(client)
            try await viewer.signIn("viewer")
            #expect(!String(buffer: try await viewer.get("/documents").body).contains("id=\"cancel-"))
            let viewerToken = try await viewer.csrf()
            let refused = try await viewer.post(
                "/documents/cancel",
                form: ["csrf": viewerToken, "number": number, "kind": "certificate", "reason": "ошибка"])
            #expect(refused.status == .forbidden)
            #expect(try await harness.ledger.documents().count == 1)

            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            let documents = String(buffer: try await registrar.get("/documents").body)
            #expect(documents.contains("id=\"cancel-\(number)\"") && documents.contains("href=\"/documents/registry\""))
            let token = try await registrar.csrf()
            let done = try await registrar.post(
                "/documents/cancel",
                form: ["csrf": token, "number": number, "kind": "certificate", "reason": "ошибка в фамилии"])
            #expect(done.status == .ok)
            #expect(
                String(buffer: done.body).contains(
                    "<strong>\(number)</strong> аннулирован записью А-2026-00001: ошибка в фамилии"))
            let cancellation = try #require(try await harness.ledger.documents().last)
            #expect(cancellation.request.cancels == number && cancellation.request.operator == "registrar")
            let again = try await registrar.post(
                "/documents/cancel", form: ["csrf": token, "number": number, "kind": "certificate", "reason": "ещё"])
            #expect(again.status == .badRequest && String(buffer: again.body).contains("is already cancelled by"))
            let listed = String(buffer: try await registrar.get("/documents").body)
            #expect(listed.contains("аннулирован записью А-2026-00001") && !listed.contains("id=\"cancel-\(number)\""))

            let verify = String(
                buffer: try await client.execute(uri: "/verify/\(number)?code=\(code)", method: .get).body)
            #expect(verify.contains("class=\"cancelled\">аннулирован</dd>"))
        }
    }

    @Test(
        "the printable statement: the institution, the learner, the modules and hours, the number and code, the signatures"
    )
    func statementPage() async throws {
        let (harness, _) = try await certified()
        let route = try #require(try await harness.ledger.routes(person: "P-11223344595").first?.route.id.rawValue)
        try await harness.test { client in
            var viewer = ConsoleBrowser(client)
            try await viewer.signIn("viewer")
            let card = String(buffer: try await viewer.get("/learners/\(Self.person)").body)
            #expect(card.contains("href=\"/learners/\(Self.person)/statement?route=\(route)\""))
            #expect(card.contains("href=\"/learners/\(Self.person)/credit-sheet\""))
            let page = try await viewer.get("/learners/\(Self.person)/statement?route=\(route)")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("<p class=\"institution\" id=\"institution\">ГАУ ДПО «Региональный институт"))
            #expect(html.contains("<p class=\"requisites\" id=\"requisites\"><span>Юридический адрес:"))
            #expect(html.contains("<span>ИНН 0000000000, КПП 000000000, ОГРН 0000000000000</span>"))
            #expect(html.contains("<strong id=\"holder\">Кузнецова Ирина Павловна</strong>, СНИЛС 112-233-445 95"))
            #expect(html.contains("OCH-MET-01") && html.contains("ICT-01") && html.contains("14.03.2026"))
            #expect(html.contains("<th class=\"num\" id=\"total\">72</th>"))
            #expect(html.contains("id=\"not-issued\""))
            #expect(html.contains("Руководитель") && html.contains("М.П.") && html.contains("Дата: 01.06.2026"))
            // In English, by the staff member's choice.
            _ = try await viewer.get("/language/en?back=/")
            let english = String(buffer: try await viewer.get("/learners/\(Self.person)/statement?route=\(route)").body)
            #expect(
                english.contains("<h1>Statement of modules passed</h1>") && english.contains("Head of the institution"))
            #expect(english.contains("<td>distance</td>") || english.contains("<td>in person</td>"))
            _ = try await viewer.get("/language/ru?back=/")
            let unknown = try await viewer.get("/learners/\(Self.person)/statement?route=nope")
            #expect(unknown.status == .badRequest && String(buffer: unknown.body).contains("no route &#39;nope&#39;"))
        }
    }

    @Test("an issued statement's page prints its number and verification code, as issued")
    func issuedStatementPage() async throws {
        // Орлов's free-choice route from 15.12.2025 (six months) has expired by 1 July 2026 with 36 hours.
        let harness = try await ConsoleHarness(now: ConsoleHarness.now.addingTimeInterval(30 * 86_400))
        _ = try await harness.importSheet(
            "\(ConsolePagesTests.header)\n087-654-303 00;Орлов;Сергей;;OCH-ADM-01;15.12.2025\n")
        let ledger = harness.ledger
        let issued = try await IssueDocuments(mapping: harness.mapping, ledger: { ledger }, now: harness.now)
            .run(.init(statements: true))
        let statement = try #require(issued.documents.first { $0.kind == "statement" })
        let number = try #require(statement.registrationNumber)
        let code = try #require(statement.verificationCode)
        try await harness.test { client in
            var viewer = ConsoleBrowser(client)
            try await viewer.signIn("viewer")
            let html = String(
                buffer: try await viewer.get("/learners/P-08765430300/statement?route=\(statement.route)").body)
            #expect(html.contains("Справка № \(number) от 01.07.2026"))
            #expect(html.contains("<span id=\"doc-code\">\(code)</span>"))
            #expect(html.contains("OCH-ADM-01") && html.contains("<th class=\"num\" id=\"total\">24</th>"))
            #expect(!html.contains("id=\"not-issued\""))
        }
    }

    @Test("the printable credit sheet is the report's rows; the registry book lists the certificates")
    func creditSheetAndRegistry() async throws {
        let (harness, certificate) = try await certified()
        let number = try #require(certificate.registrationNumber)
        try await harness.test { client in
            var viewer = ConsoleBrowser(client)
            try await viewer.signIn("viewer")
            let sheet = String(buffer: try await viewer.get("/learners/\(Self.person)/credit-sheet").body)
            #expect(sheet.contains("<th>Модуль</th>") && sheet.contains("<th>Основание</th>"))
            #expect(sheet.contains("<td>OCH-MET-01</td>") && sheet.contains("<td>ICT-01</td>"))
            #expect(sheet.contains("<dt>Всего часов (каждый модуль один раз)</dt><dd>72</dd>"))
            #expect(sheet.contains("<td>Итого</td>") && sheet.contains("id=\"signatures\""))
            let registry = String(buffer: try await viewer.get("/documents/registry").body)
            #expect(registry.contains("<td>\(number)</td><td>Кузнецова Ирина Павловна</td>"))
            #expect(registry.contains("<td class=\"num\">72</td><td class=\"date\">01.06.2026</td><td>действителен"))
            #expect(registry.contains("id=\"signatures\""))
            // The stylesheet prints A4 without the navigation.
            let css = String(buffer: try await client.execute(uri: "/console.css", method: .get).body)
            #expect(css.contains("@page { size: A4") && css.contains("header.top, form, .hint, nav { display: none; }"))
        }
    }
}
