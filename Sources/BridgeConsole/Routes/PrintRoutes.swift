import BridgeApplication
import CreditCore
import Hummingbird

/// The printable pages (A4; the stylesheet's print rules drop the navigation and the forms):
/// `/learners/{id}/statement?route=R` (``LearnerStatement``), `/learners/{id}/credit-sheet`
/// (``LearnerCreditSheet``) and `/documents/registry`, the certificates for the registry book
/// (``ListDocuments/registry(_:)``).
struct PrintRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        router.get("/learners/{id}/statement") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let id = context.parameters.get("id") ?? ""
                let route = request.uri.queryParameters.get("route") ?? ""
                let statement = try await LearnerStatement(
                    mapping: console.mapping, ledger: console.ledger, now: console.now
                ).run(person: id, route: route)
                let texts = signedIn.language.texts
                var values = console.values(signedIn, title: "statementTitle", section: "learners")
                values["institution"] = statement.institution ?? ""
                values["requisites"] = statement.requisites
                values["person"] = [
                    "id": statement.person.id.rawValue, "name": statement.person.fullName,
                    "snils": statement.person.snils?.formatted ?? "",
                ]
                values["route"] = [
                    "id": statement.route, "program": statement.programTitle, "start": statement.start,
                    "lastDay": statement.lastDay,
                    "status": texts["status_\(statement.status.rawValue)"] ?? statement.status.rawValue,
                ]
                values["modules"] = statement.modules.enumerated().map { index, line in
                    [
                        "n": index + 1, "module": line.module, "title": line.title,
                        "form": texts["form_\(line.form.rawValue)"] ?? line.form.rawValue, "date": line.date,
                        "hours": line.hours,
                    ] as [String: Any]
                }
                values["total"] = statement.totalHours
                if let issued = statement.issued {
                    var document: [String: Any] = ["number": issued.number, "issuedOn": issued.issuedOn]
                    if let code = issued.verificationCode { document["code"] = code }
                    if let cancelledBy = issued.cancelledBy { document["cancelledBy"] = cancelledBy }
                    values["issued"] = document
                }
                values["madeOn"] = statement.madeOn
                return console.pages.render("statement", values)
            }
        }
        router.get("/learners/{id}/credit-sheet") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let id = context.parameters.get("id") ?? ""
                let sheet = try await LearnerCreditSheet(
                    mapping: console.mapping, ledger: console.ledger, now: console.now
                ).run(person: id)
                let english = signedIn.language == .en
                let table = sheet.table
                var values = console.values(signedIn, title: "creditSheetTitle", section: "learners")
                values["institution"] = sheet.institution ?? ""
                values["requisites"] = sheet.requisites
                values["person"] = ["id": sheet.person.id.rawValue, "name": sheet.person.fullName]
                values["summary"] = table.summary.map {
                    ["label": $0.label.text(english ? .en : .ru), "value": $0.value.plainText(english ? .en : .ru)]
                }
                values["headers"] = table.headers(english ? .en : .ru)
                // Hours are right-aligned, as in the report's sheet.
                let numeric = table.columns.map { $0.key == "hours" }
                values["rows"] = (table.rows + table.totals).map { row in
                    [
                        "cells": row.enumerated().map { index, cell in
                            [
                                "text": cell.plainText(english ? .en : .ru),
                                "num": index < numeric.count && numeric[index],
                            ]
                                as [String: Any]
                        }
                    ]
                }
                values["madeOn"] = sheet.madeOn.russian
                return console.pages.render("credit-sheet", values)
            }
        }
        router.get("/documents/registry") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let registry = try await ListDocuments(mapping: console.mapping, ledger: console.ledger)
                    .registry(.certificate, asOf: console.now)
                let texts = signedIn.language.texts
                var values = console.values(signedIn, title: "registryTitle", section: "documents")
                values["institution"] = registry.institution ?? ""
                values["requisites"] = registry.requisites
                values["lines"] = registry.lines.enumerated().map { index, line in
                    var values: [String: Any] = [
                        "n": index + 1, "number": line.registrationNumber, "person": line.person, "name": line.name,
                        "program": line.programTitle, "hours": line.statedHours, "issuedOn": line.issuedOnPrinted,
                        "status": texts[line.cancelledBy == nil ? "documentValid" : "documentCancelled"] ?? "",
                    ]
                    if let cancelledBy = line.cancelledBy { values["cancelledBy"] = cancelledBy }
                    if let reason = line.cancellationReason { values["reason"] = reason }
                    return values
                }
                values["madeOn"] = registry.madeOn
                return console.pages.render("registry", values)
            }
        }
    }
}
