import BridgeApplication
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The learner card's own forms, without a browser: add a credit (``AddCredit``), open a route
/// (``OpenRoute``) and correct the person's data (``EditPerson``) — registrars and administrators only.
@Suite("Learner card actions")
struct CardActionsTests {
    static let person = "P-11223344595"
    static let forms = ["/learners/\(person)/credit", "/learners/\(person)/route", "/learners/\(person)/person"]

    /// Кузнецова Ирина Павловна with one 36-hour module.
    func kuznetsova() async throws -> ConsoleHarness {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet("\(ConsolePagesTests.header)\n\(ConsolePagesTests.kuznetsova)\n")
        return harness
    }

    @Test("the card's forms need a session, a registrar and the form's token; a viewer sees none of them")
    func guarded() async throws {
        let harness = try await kuznetsova()
        let entries = try await harness.ledger.entryCount()
        let events = try await harness.ledger.personEvents(person: nil).count
        try await harness.test { client in
            for path in Self.forms {
                let response = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=x&module=ICT-01"))
                #expect(response.status == .seeOther && response.headers[.location] == "/login", "\(path)")
            }
            var viewer = ConsoleBrowser(client)
            try await viewer.signIn("viewer")
            let card = String(buffer: try await viewer.get("/learners/\(Self.person)").body)
            #expect(!card.contains("id=\"add-credit\"") && !card.contains("id=\"open-route\""))
            #expect(!card.contains("id=\"edit-person\""))
            let token = try await viewer.csrf()
            for path in Self.forms {
                let refused = try await viewer.post(
                    path,
                    form: [
                        "csrf": token, "module": "ICT-01", "date": "20.03.2026", "document": "ведомость 14",
                        "program": "PK-72-MMC", "start": "01.04.2026", "middle_name": "Петровна",
                    ])
                #expect(refused.status == .forbidden, "\(path)")
            }
            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            for path in Self.forms {
                let stale = try await registrar.post(path, form: ["module": "ICT-01", "middle_name": "Петровна"])
                #expect(stale.status == .forbidden && String(buffer: stale.body).contains("Форма устарела"), "\(path)")
            }
        }
        #expect(try await harness.ledger.entryCount() == entries)
        #expect(try await harness.ledger.personEvents(person: nil).count == events)
    }

    @Test("a registrar adds a credit from the card: written as theirs, the card shows it; a bad date writes nothing")
    func addCredit() async throws {
        let harness = try await kuznetsova()
        try await harness.test { client in
            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            let card = String(buffer: try await registrar.get("/learners/\(Self.person)").body)
            #expect(card.contains("id=\"add-credit\"") && card.contains("<option value=\"ICT-01\""))
            let token = try await registrar.csrf()
            let bad = try await registrar.post(
                "/learners/\(Self.person)/credit",
                form: ["csrf": token, "module": "ICT-01", "date": "31.02.2026", "document": "ведомость 14"])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("31.02.2026"))
            #expect(try await harness.ledger.entryCount() == 1)

            let done = try await registrar.post(
                "/learners/\(Self.person)/credit",
                form: ["csrf": token, "module": "ICT-01", "date": "20.03.2026", "document": "ведомость 14"])
            #expect(done.status == .ok, "\(String(buffer: done.body))")
            let entry = try #require(try await harness.ledger.entries(person: nil).last)
            #expect(entry.person == PersonID(Self.person) && entry.module == "ICT-01" && entry.hours == 36)
            #expect(entry.source == .manual(operator: "registrar", document: "ведомость 14"))
            let after = String(buffer: try await registrar.get("/learners/\(Self.person)").body)
            #expect(after.contains(">\(entry.id.rawValue)<") && after.contains("72 / 72"))
        }
    }

    @Test("a registrar opens a route from the card; an overlapping one is refused naming the route")
    func openRoute() async throws {
        let harness = try await kuznetsova()
        try await harness.test { client in
            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            let card = String(buffer: try await registrar.get("/learners/\(Self.person)").body)
            #expect(card.contains("id=\"open-route\"") && card.contains("<option value=\"PK-72-MMC\""))
            let token = try await registrar.csrf()
            let opened = try await registrar.post(
                "/learners/\(Self.person)/route", form: ["csrf": token, "program": "PK-72-MMC", "start": "01.04.2026"])
            #expect(opened.status == .ok, "\(String(buffer: opened.body))")
            let routes = try await harness.ledger.routes(person: PersonID(Self.person))
            let route = try #require(routes.first { $0.route.program == "PK-72-MMC" })
            #expect(!route.isAutomatic)
            let overlapping = try await registrar.post(
                "/learners/\(Self.person)/route", form: ["csrf": token, "program": "PK-72-MMC", "start": "01.05.2026"])
            #expect(overlapping.status == .badRequest)
            #expect(String(buffer: overlapping.body).contains(route.route.id.rawValue))
            #expect(try await harness.ledger.routes(person: PersonID(Self.person)).count == routes.count)
            let after = String(buffer: try await registrar.get("/learners/\(Self.person)").body)
            #expect(after.contains(route.route.id.rawValue))
        }
    }

    @Test("a registrar corrects person data from the card; the history names them; a bad value changes nothing")
    func editPerson() async throws {
        let harness = try await kuznetsova()
        try await harness.test { client in
            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            let card = String(buffer: try await registrar.get("/learners/\(Self.person)").body)
            #expect(card.contains("id=\"edit-person\"") && card.contains("value=\"Павловна\""))
            let token = try await registrar.csrf()
            let bad = try await registrar.post(
                "/learners/\(Self.person)/person",
                form: ["csrf": token, "middle_name": "Петровна", "birth_date": "31.02.1980"])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("birth_date"))
            #expect(try await harness.ledger.person(id: PersonID(Self.person))?.middleName == "Павловна")

            let done = try await registrar.post(
                "/learners/\(Self.person)/person",
                form: [
                    "csrf": token, "last_name": "Кузнецова", "first_name": "Ирина", "middle_name": "Петровна",
                    "birth_date": "01.05.1980", "sex": "Жен",
                ])
            #expect(done.status == .ok, "\(String(buffer: done.body))")
            let person = try #require(try await harness.ledger.person(id: PersonID(Self.person)))
            #expect(person.middleName == "Петровна" && person.registry.birthDate == "1980-05-01")
            #expect(person.registry.sex == "Жен")
            let events = try await harness.ledger.personEvents(person: PersonID(Self.person))
            let latest = events.suffix(3).map(\.event)
            #expect(latest.allSatisfy { $0.source == "registrar:registrar" && $0.kind == .change })
            #expect(Set(latest.map(\.field)) == [.middleName, .birthDate, .sex])
        }
    }
}
