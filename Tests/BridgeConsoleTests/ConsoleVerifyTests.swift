import BridgeApplication
import CreditCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Console: public document check")
struct ConsoleVerifyTests {
    @Test("the right number and code show the document without a session; a wrong code and an unknown number look alike")
    func verify() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(
            "\(ConsolePagesTests.header)\n\(ConsolePagesTests.kuznetsova)\n")
        let issued = try await harness.ledger.issueDocuments([
            DocumentRequest(
                kind: .certificate, route: "R-1", person: "P-11223344595", hours: 72, issuedAt: harness.now,
                year: 2026,
                content: DocumentContent(
                    program: "PK-72", programTitle: "Программа <72 ч>", programHours: 72, completedAt: harness.now,
                    modules: []),
                verificationCode: "K7M2Q9XW4E")
        ])
        let number = try #require(issued.first?.registrationNumber)
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            let page = try await browser.get("/verify/\(number)?code=K7M2Q9XW4E")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("<dd id=\"number\">\(number)</dd>"))
            #expect(html.contains("Кузнецова И. П."))
            #expect(!html.contains("Ирина"))
            #expect(html.contains("Программа &lt;72 ч&gt;"))
            #expect(html.contains("действителен"))
            #expect(!html.contains("id=\"sign-out\""))
            let wrong = try await browser.get("/verify/\(number)?code=AAAAAAAAAA")
            let unknown = try await browser.get("/verify/2026-09999?code=K7M2Q9XW4E")
            #expect(wrong.status == .notFound && unknown.status == .notFound)
            let (wrongPage, unknownPage) = (String(buffer: wrong.body), String(buffer: unknown.body))
            #expect(wrongPage.contains("id=\"not-found\"") && !wrongPage.contains(number + "</dd>"))
            // The two answers differ only in the link back to the page's own address.
            #expect(
                wrongPage.replacingOccurrences(of: number, with: "N")
                    == unknownPage.replacingOccurrences(of: "2026-09999", with: "N"))
        }
    }
}
