import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import Testing

@Suite("Learner search, learner card and dashboard")
struct LearnerPagesTests {
    /// A SNILS with valid check digits from nine digits, written `NNN-NNN-NNN CC`.
    static func snils(_ nine: String) throws -> String {
        try SNILS(parsing: nine + SNILS.checksum(ofFirstNine: nine)).formatted
    }

    /// Кузнецова Ирина (two 36-hour modules: 72 h), Орлов Сергей, Семёнова Алёна (an e-mail-like idnumber).
    func populate(_ fixture: Fixture) async throws {
        let semenova = try Self.snils("123456789")
        let sheet = """
            СНИЛС;Фамилия;Имя;Отчество;Модуль;Дата
            112-233-445 95;Кузнецова;Ирина;Павловна;OCH-MET-01;14.03.2026
            112-233-445 95;Кузнецова;Ирина;Павловна;ICT-01;20.03.2026
            087-654-303 00;Орлов;Сергей;;OCH-ADM-01;15.12.2025
            \(semenova);Семёнова;Алёна;;OCH-ADM-01;10.04.2026
            """
        let result = try await ImportCreditSheet(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init(path: "march.csv", contents: Array(sheet.utf8), operator: "petrova"))
        #expect(!result.isRefused && result.written == 4, "\(result.problems)")
    }

    func search(_ query: String, _ fixture: Fixture) async throws -> [String] {
        try await SearchLearners(ledger: fixture.opener).run(query: query).map(\.fullName)
    }

    @Test("search by the start of a name or name part, SNILS, any case, ё as е")
    func search() async throws {
        let fixture = try Fixture()
        try await populate(fixture)
        #expect(try await search("кузн", fixture) == ["Кузнецова Ирина Павловна"])
        #expect(try await search("КУЗНЕЦОВА ИР", fixture) == ["Кузнецова Ирина Павловна"])
        #expect(try await search("ирина", fixture) == ["Кузнецова Ирина Павловна"])
        #expect(try await search("семен", fixture) == ["Семёнова Алёна"])
        #expect(try await search("Алена", fixture) == ["Семёнова Алёна"])
        #expect(try await search("Семёнова", fixture) == ["Семёнова Алёна"])
        // Spaces anywhere, and ё typed as е with a diaeresis.
        #expect(try await search("  СЕМЕ\u{0308}НОВА   ал ", fixture) == ["Семёнова Алёна"])
        // Two words start the full name only, not a later part of it.
        #expect(try await search("ирина павл", fixture).isEmpty)
        // Every match, in the order of the folded full names.
        #expect(try await search("с", fixture) == ["Орлов Сергей", "Семёнова Алёна"])
        #expect(try await search("112-233", fixture) == ["Кузнецова Ирина Павловна"])
        #expect(try await search("087 654 303", fixture) == ["Орлов Сергей"])
        // Not a start of anything, and the empty query, find no one.
        #expect(try await search("знец", fixture).isEmpty)
        #expect(try await search("   ", fixture).isEmpty)
        let match = try #require(try await SearchLearners(ledger: fixture.opener).run(query: "орлов").first)
        #expect(match.person == "P-08765430300" && match.snils == "087-654-303 00")
    }

    @Test("a kept index answers from the registry as it is now: new learners and corrected names")
    func keptIndex() async throws {
        let fixture = try Fixture()
        let search = SearchLearners(ledger: fixture.opener, index: LearnerIndex())
        #expect(try await search.run(query: "кузн").isEmpty)
        try await populate(fixture)
        #expect(try await search.run(query: "кузн").map(\.fullName) == ["Кузнецова Ирина Павловна"])
        let imported = try await ImportPersons(ledger: fixture.opener, now: fixture.now).run(
            .init(
                path: "persons.csv", contents: Array("person_id;last_name\nP-11223344595;Смирнова\n".utf8),
                operator: "Петрова"))
        #expect(imported.personsChanged == 1)
        #expect(try await search.run(query: "кузн").isEmpty)
        #expect(try await search.run(query: "смирн").map(\.fullName) == ["Смирнова Ирина Павловна"])
        // Other learners are still found, in order.
        #expect(try await search.run(query: "с").map(\.fullName) == ["Орлов Сергей", "Семёнова Алёна", "Смирнова Ирина Павловна"])
    }

    @Test("the card shows each route's progress, every entry with its id and source, and reversals")
    func card() async throws {
        let fixture = try Fixture()
        try await populate(fixture)
        let card = try await LearnerCard(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(person: "P-11223344595")
        #expect(card.person.fullName == "Кузнецова Ирина Павловна")
        #expect(card.entries.map(\.id) == ["E1", "E2"])
        #expect(card.entries.map(\.hours) == [36, 36])
        #expect(card.entries[0].source == .sheet(file: "march.csv", row: 2))
        #expect(card.entries[1].moduleTitle == "Цифровые образовательные ресурсы в работе учителя")
        #expect(card.entries[0].form == .inPerson && card.entries[0].occurredOn == "2026-03-14")
        let route = try #require(card.routes.first { $0.program == "PK-72" })
        #expect(route.hours == 72 && route.targetHours == 72 && route.percent == 100 && route.status == .completed)
        #expect(route.start == "2026-03-14")

        _ = try await ReverseCredit(mapping: fixture.mapping, ledger: fixture.opener).run(
            .init(entry: "E2", document: "приказ 7", operator: "petrova", reason: "ошибка"))
        let after = try await LearnerCard(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(person: "P-11223344595")
        #expect(after.entries.map(\.id) == ["E1", "E2", "E5"])
        #expect(after.entries[1].reversed && after.entries[2].reverses == "E2")
        let reduced = try #require(after.routes.first { $0.program == "PK-72" })
        #expect(reduced.hours == 36 && reduced.percent == 50 && reduced.status == .open)

        let unknown = await fixture.refusal {
            try await LearnerCard(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(person: "P-0")
        }
        #expect(unknown?.kind == .unknown && unknown?.message == "no person 'P-0' in the ledger")
    }

    @Test("the dashboard: routes awaiting a certificate until issued, routes expiring within 30 days, counts")
    func dashboard() async throws {
        let fixture = try Fixture()
        try await populate(fixture)
        let dashboard = ConsoleDashboard(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
        let before = try await dashboard.run()
        #expect(before.awaitingCertificate.map(\.name) == ["Кузнецова Ирина Павловна"])
        #expect(
            before.awaitingCertificate.first?.hours == 72
                && before.awaitingCertificate.first?.completedOn == "2026-03-20")
        // Орлов's route opened on 15.12.2025 and lasts six months: its last day is 2026-06-14.
        #expect(before.expiringSoon.map(\.name) == ["Орлов Сергей"])
        #expect(before.expiringSoon.first?.lastDay == "2026-06-14")
        #expect(before.counts.persons == 3 && before.counts.entries == 4 && before.counts.documents == 0)
        #expect(before.counts.completedRoutes == 1)
        #expect(before.lastSyncs.isEmpty)

        _ = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(.init())
        let after = try await dashboard.run()
        #expect(after.awaitingCertificate.isEmpty && after.counts.documents == 1)
        let documents = try await ListDocuments(mapping: fixture.mapping, ledger: fixture.opener).run()
        #expect(documents.map(\.name) == ["Кузнецова Ирина Павловна"] && documents.first?.kind == .certificate)
        #expect(documents.first?.registrationNumber == "2026-00001" && documents.first?.hours == 72)
    }

    @Test("the dashboard's recorded verdicts, carried over time, are the routes judged from the credits", arguments: [0, 60, 90, 200, 400])
    func dashboardEqualsJudgedRoutes(daysLater: Int) async throws {
        let fixture = try Fixture()
        try await populate(fixture)
        let moment = fixture.now.addingTimeInterval(TimeInterval(daysLater) * 86_400)
        let dashboard = try await ConsoleDashboard(mapping: fixture.mapping, ledger: fixture.opener, now: moment).run()
        let judged = try await LedgerSnapshot.read(from: fixture.ledger).routes(
            at: ReportContext(mapping: fixture.mapping, asOf: moment))
        #expect(!judged.isEmpty)
        #expect(dashboard.counts.openRoutes == judged.filter { $0.status == .open }.count)
        #expect(dashboard.counts.completedRoutes == judged.filter { $0.status == .completed }.count)
        #expect(dashboard.counts.expiredRoutes == judged.filter { $0.status == .expired }.count)
        #expect(dashboard.awaitingCertificate.map(\.route) == judged.filter { $0.status == .completed }.map(\.route.id.rawValue))
        #expect(dashboard.awaitingTotal == dashboard.awaitingCertificate.count)
        let horizon = moment.addingTimeInterval(30 * 86_400)
        #expect(
            Set(dashboard.expiringSoon.map(\.route))
                == Set(judged.filter { $0.status == .open && $0.route.deadline > moment && $0.route.deadline <= horizon }
                    .map(\.route.id.rawValue)))
        for line in dashboard.awaitingCertificate + dashboard.expiringSoon {
            let route = try #require(judged.first { $0.route.id.rawValue == line.route })
            #expect(line.hours == route.hoursCredited.value && !line.name.isEmpty)
        }
    }

    @Test("the dashboard shows each site's latest sync run, and whether its last success is too old")
    func lastSync() async throws {
        let fixture = try Fixture()
        let sites = fixture.mapping.sites.map(\.id)
        let first = try #require(sites.first)
        for (run, day, outcome) in [("run1", "2026-05-30", SyncRun.Outcome.succeeded), ("run2", "2026-05-31", .failed)] {
            try await fixture.ledger.recordRun(
                SyncRun(
                    runID: run, site: first, host: "bridge-a", startedAt: Fixture.day(day, hour: 3),
                    endedAt: Fixture.day(day, hour: 3).addingTimeInterval(60), outcome: outcome, requests: 4,
                    newCredits: outcome == .succeeded ? 12 : 0, message: outcome == .failed ? "the token was refused" : nil))
        }
        let result = try await ConsoleDashboard(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run()
        // Sites never synced are left out; the first site's latest run failed, its success is two days old.
        #expect(result.lastSyncs.map(\.site) == [first.rawValue])
        let run = try #require(result.lastSyncs.first)
        #expect(run.at == "2026-05-31 03:01" && run.outcome == "failed" && run.message == "the token was refused")
        #expect(run.stale && run.host == "bridge-a")
    }
}
