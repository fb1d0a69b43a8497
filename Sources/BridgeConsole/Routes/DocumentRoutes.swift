import BridgeApplication
import Hummingbird

/// `/documents`: the certificates due (``IssueDocuments`` in a dry run), issuing them, and the
/// documents issued (``ListDocuments``) with their status and the cancel form.
struct DocumentRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/documents") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let due = try await issuer.run(.init(dryRun: true))
                let issued = try await ListDocuments(mapping: console.mapping, ledger: console.ledger).run()
                let texts = signedIn.language.texts
                var values = console.values(signedIn, title: "documents", section: "documents")
                values["due"] = due.documents.map(Self.document)
                values["hasDue"] = !due.documents.isEmpty
                values["issued"] = issued.map {
                    var line: [String: Any] = [
                        "number": $0.registrationNumber, "kind": texts["kind_\($0.kind.rawValue)"] ?? $0.kind.rawValue,
                        "route": $0.route, "person": $0.person, "name": $0.name, "hours": $0.hours,
                        "issuedOn": $0.issuedOn, "kindKey": $0.kind.rawValue,
                        "cancellable": $0.cancellable,
                    ]
                    if let cancelledBy = $0.cancelledBy { line["cancelledBy"] = cancelledBy }
                    if let cancels = $0.cancels { line["cancels"] = cancels }
                    return line
                }
                return console.pages.render("documents", values)
            }
        }
        router.post("/documents/issue") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, _ in
                let result = try await issuer.run(.init())
                var values = console.values(signedIn, title: "issuedNow", section: "documents")
                values["documents"] = result.documents.map(Self.document)
                return console.pages.render("documents-issued", values)
            }
        }
    }

    private var issuer: IssueDocuments {
        IssueDocuments(mapping: console.mapping, ledger: console.ledger, now: console.now)
    }

    static func document(_ document: IssueDocuments.Document) -> [String: Any] {
        [
            "kind": document.kind, "route": document.route, "person": document.person, "name": document.name,
            "hours": document.hours, "number": document.registrationNumber ?? "",
            "code": document.verificationCode ?? "",
        ]
    }
}
