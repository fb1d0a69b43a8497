import BridgeApplication
import Hummingbird

/// `/verify/NUMBER?code=CODE`: the public check of a certificate or statement, the only page without
/// a session. An unknown number and a wrong code get the same "not found" page, so numbers cannot
/// be enumerated; the holder is shown by initials only.
struct VerifyRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/verify/:number") { request, context in
            let language = ConsoleLanguage(request)
            let texts = language.texts
            let number = context.parameters.get("number") ?? ""
            let code = request.uri.queryParameters.get("code") ?? ""
            let verified = try await VerifyDocument(mapping: console.configuration.mapping, ledger: console.ledger)
                .run(.init(number: number, code: code))
            var values: [String: Any] = [
                "t": texts, "title": texts["verifyTitle"]!, "lang": language.rawValue,
                "otherLang": language == .ru ? "en" : "ru", "here": "/verify/\(number)",
            ]
            guard let verified else {
                values["notFound"] = true
                return console.pages.render("verify", values, status: .notFound)
            }
            values["document"] = [
                "number": verified.number,
                "kind": texts["kind_\(verified.kind)"] ?? verified.kind,
                "program": verified.programTitle, "hours": verified.hours,
                "issuedOn": verified.issuedOn.russian, "holder": verified.holder,
                "status": texts[verified.status == .valid ? "documentValid" : "documentCancelled"] ?? "",
                "valid": verified.status == .valid,
            ] as [String: Any]
            return console.pages.render("verify", values)
        }
    }
}
