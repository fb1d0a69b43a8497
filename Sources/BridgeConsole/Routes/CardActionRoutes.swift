import BridgeApplication
import CreditCore
import CreditReports
import Hummingbird

/// The learner card's forms for registrars and administrators: `POST /learners/{id}/credit` adds a
/// credit (``AddCredit``), `POST /learners/{id}/route` opens a route (``OpenRoute``) and
/// `POST /learners/{id}/person` corrects the learner's data (``EditPerson``). The staff login is the
/// operator of each; the answer is the card again, saying what was done.
struct CardActionRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        let learners = LearnerRoutes(console: console)
        router.post("/learners/{id}/credit") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, form in
                let id = context.parameters.get("id") ?? ""
                let result = try await AddCredit(mapping: console.mapping, ledger: console.ledger, now: console.now)
                    .run(
                        .init(
                            snils: "", module: form["module"] ?? "", date: form["date"] ?? "",
                            document: form["document"] ?? "", operator: signedIn.member.login, person: id))
                let texts = signedIn.language.texts
                let notice =
                    result.written
                    ? "\(texts["creditAdded"] ?? ""): \(result.module) (\(result.hours.value))"
                    : "\(texts["creditAlreadyThere"] ?? ""): \(result.module)"
                return try await learners.card(signedIn, person: id, notice: notice)
            }
        }
        router.post("/learners/{id}/route") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, form in
                let id = context.parameters.get("id") ?? ""
                let result = try await OpenRoute(mapping: console.mapping, ledger: console.ledger, now: console.now)
                    .run(.init(person: id, program: form["program"] ?? "", start: form["start"] ?? ""))
                let notice = "\(signedIn.language.texts["routeOpened"] ?? ""): \(result.route.id) (\(result.programTitle))"
                return try await learners.card(signedIn, person: id, notice: notice)
            }
        }
        router.post("/learners/{id}/person") { request, context in
            try await console.form(.writeRecords, request, context) { signedIn, form in
                let id = context.parameters.get("id") ?? ""
                var values: [String: String] = [:]
                for field in Self.editableFields { values[field] = form[field] }
                let result = try await EditPerson(ledger: console.ledger, now: console.now)
                    .run(.init(person: id, values: values, operator: signedIn.member.login))
                let notice = "\(signedIn.language.texts["personSaved"] ?? ""): \(result.fieldsChanged)"
                return try await learners.card(signedIn, person: id, notice: notice)
            }
        }
    }

    /// The fields the person form offers, by the persons file's column names.
    static let editableFields = [
        "last_name", "first_name", "middle_name", "snils", "birth_date", "sex", "education_level",
        "diploma_last_name", "diploma_series", "diploma_number", "citizenship", "funding",
    ]

    /// What the card's forms show: the modules and programs to choose from, the person's values.
    static func formValues(person: Person, mapping: RegionMapping, texts: [String: String]) -> [String: Any] {
        var fields: [[String: Any]] = []
        for field in editableFields {
            let stored: String?
            switch field {
            case "birth_date":
                // Shown as the form takes it: dd.mm.yyyy.
                stored = person.registry.birthDate.map { iso in ReportDay(parsing: iso)?.russian ?? iso }
            default: stored = PersonField(rawValue: field).flatMap { person[$0] }
            }
            fields.append(["name": field, "label": texts["field_\(field)"] ?? field, "value": stored ?? ""])
        }
        return [
            "hasSNILS": person.snils != nil,
            "modules": mapping.modules.map {
                ["id": $0.module.id.rawValue, "title": $0.module.title, "hours": $0.module.hours.value] as [String: Any]
            },
            "programs": mapping.programs.map { ["id": $0.program.id.rawValue, "title": $0.program.title] },
            "fields": fields,
        ]
    }
}
