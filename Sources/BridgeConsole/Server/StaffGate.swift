import BridgeApplication
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird

/// A request of a signed-in staff member whose role was checked.
struct SignedIn: Sendable {
    let session: ConsoleSessions.Session
    let member: StaffMember
    let language: ConsoleLanguage
    /// Where the language switch returns: this page for a GET, the dashboard after a POST.
    let path: String
}

/// The checks every staff route passes before it does anything: a live session (else to `/login`),
/// for a POST the session's CSRF token, and a role that may do the route's action (else 403).
extension Console {
    static let sessionCookie = "mb_session"

    /// A page (GET) that needs `action`.
    func page(
        _ action: StaffAction, _ request: Request, _ context: ConsoleRequestContext,
        _ body: (SignedIn) async throws -> Response
    ) async throws -> Response {
        guard let signedIn = try await signedIn(request) else { return Self.redirect("/login") }
        guard signedIn.member.role.may(action) else { return forbidden(signedIn, "forbidden") }
        return try await respond(signedIn, body)
    }

    /// A form (POST) that needs `action`: the CSRF token is checked before the role and the body.
    func form(
        _ action: StaffAction, _ request: Request, _ context: ConsoleRequestContext,
        _ body: (SignedIn, ConsoleForm) async throws -> Response
    ) async throws -> Response {
        guard let signedIn = try await signedIn(request) else { return Self.redirect("/login") }
        let bytes = try await request.body.collect(upTo: context.maxUploadSize)
        let form = ConsoleForm(
            contentType: request.headers[.contentType], body: Array(bytes.readableBytesView))
        guard RandomToken.equal(form["csrf"] ?? "", signedIn.session.csrf) else {
            return forbidden(signedIn, "forbiddenCSRF")
        }
        guard signedIn.member.role.may(action) else { return forbidden(signedIn, "forbidden") }
        return try await respond(signedIn) { try await body($0, form) }
    }

    func signedIn(_ request: Request) async throws -> SignedIn? {
        guard let token = request.cookies[Self.sessionCookie]?.value,
            let session = await sessions.session(token: token)
        else { return nil }
        guard let member = try await CurrentStaff(staff: staff).run(login: session.login) else {
            await sessions.end(token: token)
            return nil
        }
        let path = request.method == .get ? request.uri.path : "/"
        return SignedIn(session: session, member: member, language: ConsoleLanguage(request), path: path)
    }

    /// Runs a page; a use case's refusal becomes a page that names it.
    private func respond(
        _ signedIn: SignedIn, _ body: (SignedIn) async throws -> Response
    ) async throws -> Response {
        do {
            return try await body(signedIn)
        } catch let error as ApplicationError {
            var values = self.values(signedIn, title: "failed")
            values["message"] = error.message
            values["problems"] = error.problems
            return pages.render("failure", values, status: .badRequest)
        }
    }

    func forbidden(_ signedIn: SignedIn, _ textKey: String) -> Response {
        var values = self.values(signedIn, title: "forbidden")
        values["message"] = signedIn.language.texts[textKey] ?? textKey
        return pages.render("failure", values, status: .forbidden)
    }

    /// The values every page's layout reads.
    func values(_ signedIn: SignedIn, title: String, section: String = "") -> [String: Any] {
        let texts = signedIn.language.texts
        return [
            "t": texts, "title": texts[title] ?? title, "lang": signedIn.language.rawValue,
            "otherLang": signedIn.language == .ru ? "en" : "ru",
            "staff": ["login": signedIn.member.login, "role": signedIn.member.role.rawValue],
            "csrf": signedIn.session.csrf, "canWrite": signedIn.member.role.may(.writeRecords),
            "section": [section: true], "here": signedIn.path,
        ]
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Whether the session cookie must be Secure: asked for, or the proxy says the client used TLS.
    func secureCookie(_ request: Request) -> Bool {
        configuration.secureCookies || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func cookie(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
