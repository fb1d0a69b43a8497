import BridgeApplication
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Console security, without a browser")
struct ConsoleSecurityTests {
    static let staffPages = [
        "/", "/learners", "/learners?q=a", "/learners/P-11223344595", "/sheets", "/documents", "/findings",
    ]
    static let staffForms = [
        "/sheets/check", "/sheets/commit", "/documents/issue", "/findings/1/acknowledge", "/logout",
    ]

    @Test("every staff page and form without a session, or with a made-up one, goes to /login")
    func noSession() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            for cookie in [nil, "mb_session=0123456789abcdef"] {
                var headers: HTTPFields = [:]
                if let cookie { headers[.cookie] = cookie }
                for path in Self.staffPages {
                    let response = try await client.execute(uri: path, method: .get, headers: headers)
                    #expect(response.status == .seeOther, "\(path)")
                    #expect(response.headers[.location] == "/login", "\(path)")
                }
                for path in Self.staffForms {
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    let response = try await client.execute(
                        uri: path, method: .post, headers: headers, body: ByteBuffer(string: "csrf=x"))
                    #expect(response.status == .seeOther && response.headers[.location] == "/login", "\(path)")
                }
            }
            // The sign-in page and the stylesheet need no session.
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/console.css", method: .get).status == .ok)
        }
    }

    @Test("the session cookie is HttpOnly, SameSite=Strict and, behind TLS, Secure")
    func cookieFlags() async throws {
        func sessionCookie(_ harness: ConsoleHarness, forwardedProto: String?) async throws -> String {
            try await harness.test { client in
                var browser = ConsoleBrowser(client)
                if let forwardedProto { browser.headers[HTTPField.Name("X-Forwarded-Proto")!] = forwardedProto }
                let response = try await browser.signIn("viewer")
                #expect(response.status == .seeOther && response.headers[.location] == "/")
                return try #require(response.headers[values: .setCookie].first { $0.hasPrefix("mb_session=") })
            }
        }
        let plain = try await sessionCookie(try await ConsoleHarness(), forwardedProto: nil)
        let attributes = Set(plain.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(
            attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict") && attributes.contains("Path=/"))
        #expect(!attributes.contains("Secure"))
        // A 64-hex-digit random token.
        let token = plain.split(separator: ";")[0].dropFirst("mb_session=".count)
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        let proxied = try await sessionCookie(try await ConsoleHarness(), forwardedProto: "https")
        #expect(proxied.contains("; Secure") && proxied.contains("SameSite=Strict") && proxied.contains("HttpOnly"))
        let configured = try await sessionCookie(try await ConsoleHarness(secureCookies: true), forwardedProto: nil)
        #expect(configured.contains("; Secure"))
    }

    @Test("wrong passwords are refused, then the account is rate limited even for the right one")
    func rateLimited() async throws {
        let harness = try await ConsoleHarness(throttle: LoginThrottle(perAccount: 3, perAddress: 50))
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            for _ in 1...3 {
                let refused = try await browser.signIn("registrar", password: "not the password")
                #expect(refused.status == .unauthorized)
                #expect(String(buffer: refused.body).contains("Неверный логин или пароль."))
                #expect(browser.cookies["mb_session"] == nil)
            }
            let limited = try await browser.signIn("registrar")
            #expect(limited.status == .tooManyRequests)
            #expect(String(buffer: limited.body).contains("Слишком много неудачных попыток"))
            #expect(browser.cookies["mb_session"] == nil)
            // Another account is not locked by them.
            #expect(try await browser.signIn("viewer").status == .seeOther)
        }
    }

    @Test("the sign-in form without its token is refused")
    func signInNeedsToken() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            let response = try await browser.post(
                "/login", form: ["login": "admin", "password": ConsoleHarness.password, "csrf": "forged"])
            #expect(response.status == .forbidden && browser.cookies["mb_session"] == nil)
        }
    }

    @Test("a POST without the session's CSRF token, or with a wrong one, is refused and writes nothing")
    func csrf() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(
            "СНИЛС;Фамилия;Имя;Модуль;Дата\n112-233-445 95;Кузнецова;Ирина;OCH-MET-01;14.03.2026\n"
                + "112-233-445 95;Кузнецова;Ирина;ICT-01;20.03.2026\n")
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("registrar")
            for form in [[:], ["csrf": "0123"], ["csrf": String(repeating: "a", count: 64)]] {
                let response = try await browser.post("/documents/issue", form: form)
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("Форма устарела"))
            }
            #expect(try await harness.ledger.documents().isEmpty)
            // Signing out needs the token too.
            #expect(try await browser.post("/logout", form: [:]).status == .forbidden)
            let token = try await browser.csrf()
            let issued = try await browser.post("/documents/issue", form: ["csrf": token])
            #expect(issued.status == .ok && String(buffer: issued.body).contains("2026-00001"))
            #expect(try await harness.ledger.documents().count == 1)
        }
    }

    @Test("a viewer reads every page but each write is refused with 403; a registrar's goes through")
    func viewerCannotWrite() async throws {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(
            "СНИЛС;Фамилия;Имя;Модуль;Дата\n112-233-445 95;Кузнецова;Ирина;OCH-MET-01;14.03.2026\n"
                + "112-233-445 95;Кузнецова;Ирина;ICT-01;20.03.2026\n")
        try await harness.test { client in
            var viewer = ConsoleBrowser(client)
            try await viewer.signIn("viewer")
            for path in Self.staffPages {
                #expect(try await viewer.get(path).status == .ok, "\(path)")
            }
            let token = try await viewer.csrf()
            let issue = try await viewer.post("/documents/issue", form: ["csrf": token])
            #expect(issue.status == .forbidden)
            #expect(String(buffer: issue.body).contains("Недостаточно прав"))
            let upload = try await viewer.upload(
                "/sheets/check", file: "s.csv", contents: "СНИЛС;Фамилия;Имя;Модуль;Дата\n", fields: ["csrf": token])
            #expect(upload.status == .forbidden)
            let commit = try await viewer.post(
                "/sheets/commit", form: ["csrf": token, "contents": "", "file": "s.csv"])
            #expect(commit.status == .forbidden)
            #expect(try await harness.ledger.documents().isEmpty)
            // The documents page offers the viewer no issue button.
            #expect(!String(buffer: try await viewer.get("/documents").body).contains("id=\"issue\""))
        }
    }

    @Test("signing out ends the session: its cookie no longer opens a page")
    func signOut() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("admin")
            let session = try #require(browser.cookies["mb_session"])
            let token = try await browser.csrf()
            let out = try await browser.post("/logout", form: ["csrf": token])
            #expect(out.status == .seeOther && out.headers[.location] == "/login")
            let reused = try await client.execute(uri: "/", method: .get, headers: [.cookie: "mb_session=\(session)"])
            #expect(reused.status == .seeOther && reused.headers[.location] == "/login")
        }
    }

    @Test("a disabled account's open session stops at its next request")
    func disabledMidSession() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            var browser = ConsoleBrowser(client)
            try await browser.signIn("registrar")
            #expect(try await browser.get("/").status == .ok)
            let ledger = harness.ledger
            try await DisableStaff(staff: { ledger }).run(login: "registrar")
            let after = try await browser.get("/")
            #expect(after.status == .seeOther && after.headers[.location] == "/login")
        }
    }

    @Test("pages forbid scripts and framing")
    func headers() async throws {
        let harness = try await ConsoleHarness()
        try await harness.test { client in
            let page = try await client.execute(uri: "/login", method: .get)
            let policy = try #require(page.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
        }
    }
}
