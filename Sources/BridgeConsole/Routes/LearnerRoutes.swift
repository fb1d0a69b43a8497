import BridgeApplication
import Hummingbird

/// `/learners` (``SearchLearners``) and `/learners/{id}`, the learner card (``LearnerCard``), with the
/// forms of the correction actions (``CorrectionRoutes``) and links to the printable pages.
struct LearnerRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/learners") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let query = request.uri.queryParameters.get("q") ?? ""
                var values = console.values(signedIn, title: "learners", section: "learners")
                values["q"] = query
                if !query.trimmingCharacters(in: .whitespaces).isEmpty {
                    let matches = try await SearchLearners(ledger: console.ledger, index: console.learnerIndex).run(query: query)
                    values["searched"] = true
                    values["matches"] = matches.map { match -> [String: Any] in
                        var line: [String: Any] = [
                            "person": match.person.rawValue, "name": match.fullName, "snils": match.snils ?? "",
                            "email": match.email ?? "", "idnumber": match.idnumber ?? "",
                        ]
                        if let into = match.mergedInto { line["mergedInto"] = into.rawValue }
                        return line
                    }
                }
                return console.pages.render("learners", values)
            }
        }
        router.get("/learners/{id}") { request, context in
            try await console.page(.read, request, context) { signedIn in
                try await card(signedIn, person: context.parameters.get("id") ?? "")
            }
        }
    }

    /// The learner card, with `notice` (what a form just did) above it.
    func card(_ signedIn: SignedIn, person id: String, notice: String? = nil) async throws -> Response {
        let card = try await LearnerCard(
            mapping: console.mapping, connections: console.configuration.connections, ledger: console.ledger,
            now: console.now
        ).run(person: id)
        let texts = signedIn.language.texts
        var values = console.values(signedIn, title: "learners", section: "learners")
        let person = card.person
        values["title"] = person.fullName
        if let notice { values["notice"] = notice }
        values["person"] = [
            "id": person.id.rawValue, "name": person.fullName, "snils": person.snils?.formatted ?? "",
            "email": person.email ?? "", "idnumber": person.idnumber ?? "",
            "category": texts["category_\(person.category.rawValue)"] ?? person.category.rawValue,
        ]
        values["routes"] = card.routes.map {
            [
                "route": $0.route, "program": $0.programTitle, "start": $0.start, "lastDay": $0.lastDay,
                "status": texts["status_\($0.status.rawValue)"] ?? $0.status.rawValue,
                "statusClass": $0.status.rawValue, "hours": $0.hours, "targetHours": $0.targetHours,
                "percent": $0.percent,
            ] as [String: Any]
        }
        values["entries"] = card.entries.map { Self.entry($0, texts) }
        values["documents"] = card.documents.map {
            var line: [String: Any] = [
                "number": $0.registrationNumber, "kind": texts["kind_\($0.kind.rawValue)"] ?? $0.kind.rawValue,
                "kindKey": $0.kind.rawValue, "route": $0.route, "hours": $0.hours, "issuedOn": $0.issuedOn,
                "cancellable": $0.cancellable,
            ]
            if let cancelledBy = $0.cancelledBy { line["cancelledBy"] = cancelledBy }
            return line
        }
        values["findings"] = card.findings.map { CorrectionRoutes.finding($0, texts) }
        values["canReverse"] = signedIn.member.role.may(.reverseCredits)
        values["canMerge"] = signedIn.member.role.may(.mergePersons)
        if let into = card.mergedInto { values["mergedInto"] = into.rawValue }
        values["mergedHere"] = card.mergedHere.map(\.rawValue)
        if signedIn.member.role.may(.writeRecords) {
            values["actions"] = CardActionRoutes.formValues(person: person, mapping: console.mapping, texts: texts)
        }
        return console.pages.render("learner", values)
    }

    static func entry(_ line: LearnerCard.EntryLine, _ texts: [String: String]) -> [String: Any] {
        var values: [String: Any] = [
            "id": line.id, "module": line.module, "moduleTitle": line.moduleTitle,
            "form": texts["form_\(line.form.rawValue)"] ?? line.form.rawValue, "date": line.occurredOn,
            "hours": line.hours, "reversed": line.reversed, "reversible": line.reversible,
        ]
        // Only present keys open a section: an empty text would too.
        if let reverses = line.reverses { values["reverses"] = reverses }
        switch line.source {
        case .moodle(let site, let siteName, let courseID, let courseURL):
            var moodle: [String: Any] = ["site": site, "siteName": siteName, "courseID": courseID]
            if let courseURL { moodle["courseURL"] = courseURL }
            values["moodle"] = moodle
        case .sheet(let file, let row):
            values["sheet"] = ["file": file, "row": row]
        case .manual(let op, let document):
            values["manual"] = ["operator": op, "document": document]
        }
        return values
    }
}
