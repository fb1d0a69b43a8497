import BridgeApplication
import CreditCore
import Foundation
import HummingbirdTesting
import LedgerSQLite
import Testing

/// The correction actions and the printable pages in a real headless Chromium: a registrar issues
/// a certificate and it verifies; an administrator reverses a credit behind it and the card names
/// it; the registrar cancels it and `/verify` says so; the printable pages open. Screenshots go
/// where ``ConsoleBrowserTests`` puts its own.
@Suite("Console corrections in a browser", .enabled(if: BrowserTools.isEnabled, BrowserTools.skipReason), .serialized)
struct ConsoleActionsBrowserTests {
    static let person = "P-11223344595"

    @Test("issue and verify, reverse and see the finding, cancel and see /verify say so, print the statement")
    func corrections() async throws {
        _ = try BrowserTools.require()
        let harness = try await ConsoleHarness()
        // Кузнецова Ирина Павловна reaches 72 hours: a certificate is due.
        _ = try await harness.importSheet(
            "\(ConsolePagesTests.header)\n\(ConsolePagesTests.kuznetsova)\n"
                + "112-233-445 95;Кузнецова;Ирина;Павловна;ICT-01;20.03.2026\n")
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            let browser = try await WebDriver()
            do {
                try await walk(browser, site: "http://127.0.0.1:\(port)", ledger: harness.ledger)
                await browser.quit()
            } catch {
                try? await browser.screenshot(
                    to: ConsoleBrowserTests.screenshots.appendingPathComponent("actions-failure.png"))
                await browser.quit()
                throw error
            }
        }
    }

    func walk(_ browser: WebDriver, site: String, ledger: SQLiteLedger) async throws {
        func shot(_ name: String) async throws {
            try await browser.screenshot(to: ConsoleBrowserTests.screenshots.appendingPathComponent("\(name).png"))
        }
        func signIn(_ login: String) async throws {
            try await browser.open("\(site)/login")
            try await browser.type("#login", login)
            try await browser.type("#password", ConsoleHarness.password)
            try await browser.click("#sign-in")
            // Wait for the redirect to the dashboard before going anywhere else.
            _ = try await browser.url(becoming: "\(site)/")
        }

        // A registrar issues the certificate on the documents page and reads its number and code.
        try await signIn("registrar")
        try await browser.open("\(site)/documents")
        try await browser.click("#issue")
        let number = try await browser.text("#issued-now .doc-number")
        let code = try await browser.text("#issued-now .doc-code")
        #expect(number == "2026-00001" && code.count == VerificationCode.length)
        try await shot("documents-issued")
        // The registrar's card offers cancelling, not reversing.
        try await browser.open("\(site)/learners/\(Self.person)")
        #expect(try await browser.source().contains("id=\"cancel-\(number)\""))
        #expect(!(try await browser.source()).contains("id=\"reverse-E1\""))

        // Anyone with the number and code sees it valid, without a session.
        try await browser.click("#sign-out")
        try await browser.open("\(site)/verify/\(number)?code=\(code)")
        #expect(try await browser.text("#number") == number)
        #expect(try await browser.text("#status") == "действителен")
        try await shot("verify-valid")

        // An administrator reverses a credit behind it, with an order and a reason.
        try await signIn("admin")
        try await browser.open("\(site)/learners/\(Self.person)")
        #expect(try await browser.text("#no-findings") == "Замечаний нет.")
        try await browser.type("#reverse-E1 input[name=document]", "приказ 17-к")
        try await browser.type("#reverse-E1 input[name=reason]", "модуль зачтён ошибочно")
        try await browser.click("#reverse-E1 button")
        #expect(try await browser.text("#reversed").contains("E1"))
        #expect(
            try await browser.text("#findings").contains(
                "удостоверение \(number) опирается на аннулированную запись E1"))
        try await shot("credit-reversed")
        let reversal = try #require(try await ledger.entries(person: nil).last)
        #expect(reversal.kind == .reversal(of: "E1") && reversal.note == "модуль зачтён ошибочно")
        #expect(reversal.source == .manual(operator: "admin", document: "приказ 17-к"))
        try await browser.click("#to-card")
        #expect(try await browser.text("#findings").contains("удостоверение \(number)"))
        try await shot("learner-findings")

        // The certificate is cancelled with a reason; the finding is gone and /verify says cancelled.
        try await browser.type("#cancel-\(number) input[name=reason]", "часы аннулированы приказом 17-к")
        try await browser.click("#cancel-\(number) button")
        #expect(try await browser.text("#cancelled").contains(number))
        try await shot("document-cancelled")
        try await browser.click("#to-card")
        #expect(try await browser.text("#no-findings") == "Замечаний нет.")
        try await browser.open("\(site)/verify/\(number)?code=\(code)")
        #expect(try await browser.text("#status") == "аннулирован")
        try await shot("verify-cancelled")

        // The printable pages: the statement with its modules table and signature block, the credit
        // sheet, the registry book.
        try await browser.open("\(site)/learners/\(Self.person)")
        try await browser.click("a.statement-link")
        #expect(try await browser.text("#institution").hasPrefix("ГАУ ДПО"))
        let modules = try await browser.text("#modules")
        #expect(modules.contains("ICT-01") && !modules.contains("OCH-MET-01"))
        #expect(try await browser.text("#total") == "36")
        let signatures = try await browser.text("#signatures")
        #expect(signatures.contains("Руководитель") && signatures.contains("М.П."))
        // The whole A4 sheet in one picture, then printed to PDF with the print rules.
        try await browser.resize(width: 1000, height: 1250)
        try await shot("statement")
        try await browser.resize(width: 1280, height: 900)
        let pdf = try await browser.printPDF(
            to: ConsoleBrowserTests.screenshots.appendingPathComponent("statement.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        try await browser.open("\(site)/learners/\(Self.person)")
        try await browser.click("#credit-sheet-link")
        #expect(try await browser.text("#sheet-rows").contains("ICT-01"))
        try await shot("credit-sheet")
        try await browser.open("\(site)/documents")
        try await browser.click("#registry-link")
        #expect(try await browser.text("#registry-lines").contains("\(number)"))
        #expect(try await browser.text("#registry-lines").contains("аннулирован"))
        try await shot("registry")
    }
}
