import Hummingbird

/// `/language/en?back=/learners`: remembers the chosen language in a cookie and goes back.
enum LanguageRoutes {
    static func add(to router: Router<ConsoleRequestContext>) {
        router.get("/language/{language}") { request, context in
            let language = context.parameters.get("language").flatMap(ConsoleLanguage.init(rawValue:)) ?? .ru
            let back = request.uri.queryParameters.get("back") ?? "/"
            // Only a path of this console: never another site.
            let safe = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") ? back : "/"
            var response = Console.redirect(safe)
            response.setCookie(
                Cookie(
                    name: ConsoleLanguage.cookie, value: language.rawValue, maxAge: 365 * 86_400, path: "/",
                    httpOnly: true, sameSite: .lax))
            return response
        }
    }
}
