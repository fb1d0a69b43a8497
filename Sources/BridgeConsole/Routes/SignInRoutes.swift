import BridgeApplication
import Hummingbird

/// `/login` and `/logout`. The sign-in form carries a token of its own (a cookie and a field that
/// must match), since there is no session yet.
struct SignInRoutes {
    let console: Console
    static let formCookie = "mb_login"

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/login") { request, _ in
            if try await console.signedIn(request) != nil { return Console.redirect("/") }
            return form(request, error: nil, status: .ok)
        }
        router.post("/login") { request, context in
            let bytes = try await request.body.collect(upTo: 64 * 1024)
            let form = ConsoleForm(contentType: request.headers[.contentType], body: Array(bytes.readableBytesView))
            let expected = request.cookies[Self.formCookie]?.value ?? ""
            guard RandomToken.equal(form["csrf"] ?? "", expected) else {
                return self.form(request, error: "forbiddenCSRF", status: .forbidden)
            }
            let outcome = try await SignIn(staff: console.staff, throttle: console.configuration.throttle)
                .run(login: form["login"] ?? "", password: form["password"] ?? "", address: context.remoteAddress)
            switch outcome {
            case .signedIn(let member):
                let session = await console.sessions.start(login: member.login)
                var response = Console.redirect("/")
                let secure = console.secureCookie(request)
                response.setCookie(Console.cookie(Console.sessionCookie, session.token, secure: secure))
                response.setCookie(Console.cookie(Self.formCookie, "", secure: secure, maxAge: 0))
                return response
            case .refused:
                return self.form(request, error: "signInRefused", status: .unauthorized)
            case .throttled:
                return self.form(request, error: "throttled", status: .tooManyRequests)
            }
        }
        router.post("/logout") { request, context in
            try await console.form(.read, request, context) { signedIn, _ in
                await console.sessions.end(token: signedIn.session.token)
                var response = Console.redirect("/login")
                response.setCookie(
                    Console.cookie(Console.sessionCookie, "", secure: console.secureCookie(request), maxAge: 0))
                return response
            }
        }
    }

    /// The sign-in page with a fresh form token.
    private func form(_ request: Request, error: String?, status: HTTPResponse.Status) -> Response {
        let language = ConsoleLanguage(request)
        let texts = language.texts
        let token = RandomToken.make()
        var values: [String: Any] = [
            "t": texts, "title": texts["signIn"]!, "lang": language.rawValue,
            "otherLang": language == .ru ? "en" : "ru", "csrf": token,
        ]
        if let error { values["error"] = texts[error] ?? error }
        var response = console.pages.render("login", values, status: status)
        response.setCookie(Console.cookie(Self.formCookie, token, secure: console.secureCookie(request)))
        return response
    }
}
