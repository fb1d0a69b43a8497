import BridgeApplication
import CreditCore
import Hummingbird

/// The corrections: `POST /learners/{id}/reverse` reverses a credit of the card (``ReverseCredit``,
/// administrators only) and `POST /documents/cancel` cancels a certificate or statement
/// (``CancelDocument``, registrars and administrators). The staff login is the operator of both.
struct CorrectionRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.post("/learners/{id}/reverse") { request, context in
            try await console.form(.reverseCredits, request, context) { signedIn, form in
                let result = try await ReverseCredit(mapping: console.mapping, ledger: console.ledger, now: console.now)
                    .run(
                        .init(
                            entry: form["entry"] ?? "", document: form["document"] ?? "",
                            operator: signedIn.member.login, reason: form["reason"] ?? "",
                            person: context.parameters.get("id") ?? ""))
                let texts = signedIn.language.texts
                var values = console.values(signedIn, title: "reversedNow", section: "learners")
                let credit = result.credit
                values["credit"] =
                    [
                        "id": credit.id.rawValue, "module": credit.module.rawValue, "hours": credit.hours.value,
                        "person": credit.person.rawValue,
                    ] as [String: Any]
                values["findings"] = result.documents.map { Self.finding($0, texts) }
                return console.pages.render("reversed", values)
            }
        }
        router.post("/documents/cancel") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, form in
                let kind = DocumentRequest.Kind(rawValue: form["kind"] ?? "") ?? .certificate
                let result = try await CancelDocument(
                    mapping: console.mapping, ledger: console.ledger, now: console.now
                )
                .run(
                    .init(
                        number: form["number"] ?? "", kind: kind, reason: form["reason"] ?? "",
                        operator: signedIn.member.login))
                let texts = signedIn.language.texts
                var values = console.values(signedIn, title: "cancelledNow", section: "documents")
                values["document"] = [
                    "number": result.document.registrationNumber,
                    "kind": texts["kind_\(result.document.request.kind.rawValue)"]
                        ?? result.document.request.kind.rawValue,
                    "person": result.document.request.person.rawValue,
                    "cancellation": result.cancellation.registrationNumber,
                    "reason": result.cancellation.request.reason ?? "",
                ]
                return console.pages.render("cancelled", values)
            }
        }
    }

    /// `удостоверение 2026-00007 опирается на аннулированную запись E375 (OCH-MET-01)`.
    static func finding(_ reliance: DocumentReliance, _ texts: [String: String]) -> [String: Any] {
        [
            "kind": texts["kind_\(reliance.kind.rawValue)"] ?? reliance.kind.rawValue,
            "number": reliance.registrationNumber, "credit": reliance.credit.rawValue,
            "module": reliance.module.rawValue, "route": reliance.route.rawValue,
        ]
    }
}
