import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import MoodleClient
import Testing

@Suite("Export report")
struct ExportReportTests {
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "no route to the site" }
    }

    /// Кузнецова (P-11223344595) completes PK-72-MMC: OCH-MET-01 36 h in person on 14.03.2025,
    /// OCH-ADM-01 24 h in person on 20.04.2025, ICT-03 12 h at a distance on 10.05.2025.
    func completedRoute() async throws -> Fixture {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2025")
        _ = try await fixture.add("OCH-ADM-01", on: "20.04.2025")
        _ = try await fixture.add("ICT-03", on: "10.05.2025")
        _ = try await OpenRoute(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(person: "112-233-445 95", program: "PK-72-MMC", start: "01.03.2025"))
        return fixture
    }

    func export(
        _ kind: ReportKind, _ criteria: ReportCriteria = ReportCriteria(), _ fixture: Fixture,
        persons: ReportPersonsFile? = nil, connect: MoodleConnector? = nil
    ) async throws -> ExportedReport {
        try await ExportReport(
            configuration: fixture.configuration, ledger: fixture.opener, connect: connect, now: fixture.now
        ).run(.init(kind: kind, criteria: criteria, persons: persons))
    }

    /// The column `key` of every row, as Russian text.
    func column(_ key: String, _ table: ReportTable, rows: [[ReportCell]]? = nil) throws -> [String] {
        let index = try #require(table.columns.firstIndex { $0.key == key }, "no column \(key)")
        return (rows ?? table.rows).map { $0[index].plainText(.ru) }
    }

    @Test("the credit sheet: the learner's credits with their hours, totalled, the learner and period in the heading")
    func creditSheet() async throws {
        let fixture = try await completedRoute()
        let report = try await export(
            .creditSheet,
            ReportCriteria(from: ReportDay(year: 2025, month: 4, day: 1), person: "112-233-445 95"), fixture)
        let table = report.table
        #expect(table.kind == .creditSheet && report.failures.isEmpty)
        #expect(try column("module", table) == ["OCH-ADM-01", "ICT-03"])
        #expect(try column("hours", table) == ["24", "12"])
        #expect(try column("hours", table, rows: table.totals) == ["36"])
        let criteria = table.heading.criteria.map(\.ru)
        #expect(criteria.contains("Слушатель: Кузнецова Ирина (P-11223344595)"))
        #expect(criteria.contains("Период: с 01.04.2025"))
        #expect(table.heading.madeOn == ReportDay(year: 2026, month: 6, day: 1))
        #expect(table.heading.warnings.isEmpty)
    }

    @Test("the credit sheet by the SNILS of a learner merged into another is the kept learner's, with both's credits")
    func creditSheetOfMergedLearner() async throws {
        let fixture = try await completedRoute()
        _ = try await AddCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(
                snils: "123-456-789 64", lastName: "Кузнецова", firstName: "Ирина", module: "ICT-05",
                date: "11.05.2025", document: "ведомость 13/26", operator: "Петрова"))
        let persons = try await fixture.ledger.persons()
        let first = try #require(persons.first { $0.snils?.digits == "11223344595" }).id
        let second = try #require(persons.first { $0.snils?.digits == "12345678964" }).id
        _ = try await MergePersons(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(keep: second.rawValue, other: first.rawValue, reason: "один человек", operator: "Петрова"))
        for key in ["112-233-445 95", "123-456-789 64", second.rawValue] {
            let table = try await export(.creditSheet, ReportCriteria(person: key), fixture).table
            #expect(
                Set(try column("module", table)) == ["OCH-MET-01", "OCH-ADM-01", "ICT-03", "ICT-05"], "by \(key)")
            #expect(table.heading.criteria.map(\.ru).contains("Слушатель: Кузнецова Ирина (\(second))"), "by \(key)")
        }
        let unknown = await fixture.refusal {
            try await export(.creditSheet, ReportCriteria(person: "155-972-418 01"), fixture)
        }
        #expect(unknown?.kind == .unknown && unknown?.message.contains("155-972-418 01") == true)

        // A person row holding a SNILS that no key records (as a ledger written before keys may): found by the row.
        let snils = try SNILS(parsing: "155-972-418 01")
        _ = try await fixture.ledger.append(
            LedgerBatch(
                id: "b-old", kind: .manual, actor: "registrar", description: "an older ledger's person",
                recordedAt: fixture.now,
                entries: [
                    LedgerBatch.Draft(
                        person: "P-OLD", module: "ICT-01", hours: 36, form: .distance,
                        occurredAt: Fixture.day("2025-05-20"), source: .manual(operator: "Петрова", document: "ведомость 1"),
                        idempotencyKey: "old/ICT-01")
                ],
                persons: [Person(id: "P-OLD", lastName: "Смирнова", firstName: "Галина", snils: snils)]))
        let old = try await export(.creditSheet, ReportCriteria(person: "155-972-418 01"), fixture).table
        #expect(try column("module", old) == ["ICT-01"])
    }

    @Test("the credit sheet without a learner is refused with the command line's sentence")
    func creditSheetWithoutPerson() async throws {
        let fixture = try await completedRoute()
        let refusal = await fixture.refusal { try await export(.creditSheet, ReportCriteria(), fixture) }
        #expect(refusal?.kind == .invalidValue)
        #expect(refusal?.message == "the credit sheet is one learner's: name them with --person")
        let unknown = await fixture.refusal {
            try await export(.creditSheet, ReportCriteria(person: "P-NOBODY"), fixture)
        }
        #expect(unknown?.kind == .unknown && unknown?.message == "no learner 'P-NOBODY' in the ledger")
    }

    @Test("the plan: month × form × category, planned against trained, with the period in the heading")
    func plan() async throws {
        let fixture = try await completedRoute()
        let report = try await export(
            .plan,
            ReportCriteria(
                from: ReportDay(year: 2025, month: 3, day: 1), to: ReportDay(year: 2025, month: 5, day: 31)),
            fixture)
        let table = report.table
        // Planned: 2025-04 in person 10 methodists and 22 administrators, 2025-05 in person 22
        // administrators and 20 teachers; trained: the teacher Кузнецова once a month.
        let rows = zip(try column("month", table), zip(try column("planned", table), try column("trained", table)))
            .map { "\($0) \($1.0)/\($1.1)" }
        #expect(rows.count == 7)
        #expect(rows.filter { $0.hasPrefix("2025-03") } == ["2025-03 0/1"])
        #expect(Set(rows.filter { $0.hasPrefix("2025-04") }) == ["2025-04 10/0", "2025-04 22/0", "2025-04 0/1"])
        #expect(Set(rows.filter { $0.hasPrefix("2025-05") }) == ["2025-05 22/0", "2025-05 20/0", "2025-05 0/1"])
        let grand = try #require(table.totals.last)
        #expect(grand.map { $0.plainText(.ru) }.prefix(5) == ["Всего", "", "", "74", "3"])
        #expect(table.heading.criteria.map(\.ru) == ["Период: с 01.03.2025 по 31.05.2025"])
        #expect(table.heading.institution == fixture.mapping.organisation.institution)
    }

    @Test("certificates: both completed routes awaiting, then issued with their numbers; centres: the learner counted")
    func certificatesAndCentres() async throws {
        let fixture = try await completedRoute()
        // PK-72 was opened by the first credit; PK-72-MMC by hand: both reach 72 h on 10.05.2025.
        let due = try await export(.certificates, ReportCriteria(), fixture).table
        #expect(try column("lastName", due) == ["Кузнецова", "Кузнецова"])
        #expect(
            Set(try column("route", due)) == ["PK-72-MMC/P-11223344595/2025-03-01", "PK-72/P-11223344595/2025-03-14"])
        #expect(try column("completedOn", due) == ["10.05.2025", "10.05.2025"])
        #expect(try column("registrationNumber", due) == ["не выдано", "не выдано"])
        _ = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(.init())
        let issued = try await export(.certificates, ReportCriteria(), fixture).table
        #expect(try column("registrationNumber", issued) == ["2026-00001", "2026-00002"])
        #expect(try column("issuedOn", issued) == ["01.06.2026", "01.06.2026"])
        // Issued on 1 June: a period ending in May leaves them out.
        let may = try await export(.certificates, ReportCriteria(to: ReportDay(year: 2026, month: 5, day: 31)), fixture)
        #expect(may.table.rows.isEmpty)

        let centres = try await export(.centres, ReportCriteria(), fixture).table
        let withoutCentre = try #require(centres.rows.last)
        #expect(withoutCentre.map { $0.plainText(.ru) } == ["—", "без ММЦ", "1", "3", "72", "2", "0", "0"])
        #expect(try column("learners", centres).dropLast().allSatisfy { $0 == "0" })
    }

    @Test("frdo: the registry lacks what the federal registry needs; a complete persons file fills every row")
    func frdoWithPersonsFile() async throws {
        let fixture = try await completedRoute()
        _ = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(.init())
        let bare = try await export(.frdo, ReportCriteria(), fixture)
        #expect(bare.table.rows.isEmpty)
        #expect(bare.missingData.count == 10)
        #expect(
            bare.missingData.contains(
                "2026-00001 Кузнецова Ирина (P-11223344595): «Пол получателя» is missing; add it to the persons file"))
        let file = ReportPersonsFile(
            name: "persons.csv",
            contents: Array(
                """
                person_id;middle_name;birth_date;sex;education_level;diploma_last_name;diploma_series;diploma_number;citizenship
                P-11223344595;Павловна;12.04.1980;Жен;Высшее образование;Кузнецова;1075;0123456;643

                """.utf8))
        let report = try await export(.frdo, ReportCriteria(), fixture, persons: file)
        #expect(report.missingData.isEmpty)
        #expect(report.table.rows.count == 2)
        let cells = report.table.rows.flatMap { $0.map { $0.plainText(.ru) } }
        #expect(cells.contains("Павловна") && cells.contains("12.04.1980") && cells.contains("0123456"))
        let bad = await fixture.refusal {
            try await export(
                .frdo, ReportCriteria(), fixture,
                persons: ReportPersonsFile(name: "bad.csv", contents: Array("foo;bar\n1;2\n".utf8)))
        }
        #expect(bad?.kind == .unreadableFile && bad?.message.hasPrefix("bad.csv: ") == true)
    }

    @Test("statements: a route that expired short of its target awaits a statement with the modules passed")
    func statements() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2024")
        _ = try await fixture.add("ICT-03", on: "02.04.2024")
        let report = try await export(.statements, ReportCriteria(), fixture)
        let table = report.table
        #expect(try column("module", table) == ["OCH-MET-01", "ICT-03"])
        #expect(try column("hours", table) == ["36", "12"])
        #expect(Set(try column("route", table)) == ["PK-72/P-11223344595/2024-03-14"])
        // As of a day before the route's end it had not expired: nothing awaits a statement.
        let early = try await export(
            .statements, ReportCriteria(asOf: ReportDay(year: 2024, month: 4, day: 30)), fixture)
        #expect(early.table.rows.isEmpty)
        #expect(early.table.heading.criteria.map(\.ru) == ["По состоянию на конец дня 30.04.2024"])
    }

    @Test("a criterion a report cannot take is refused, naming it, before the ledger is opened")
    func refusedCriterion() async throws {
        let fixture = try Fixture()
        let export = ExportReport(
            configuration: fixture.configuration, ledger: { throw CancellationError() }, now: fixture.now)
        let site = await fixture.refusal {
            try await export.run(.init(kind: .plan, criteria: ReportCriteria(site: "ripk")))
        }
        #expect(site?.kind == .invalidValue)
        #expect(
            site?.message
                == "--site does not apply to the plan report: the training plan has months, forms and categories only; "
                + "there is no plan by site, centre or learner to compare with")
        let unknownSite = await fixture.refusal {
            try await export.run(.init(kind: .creditSheet, criteria: ReportCriteria(site: "nosuch")))
        }
        #expect(unknownSite?.kind == .unknown && unknownSite?.message.hasPrefix("unknown site 'nosuch'") == true)
        let halfMonth = await fixture.refusal {
            try await export.run(
                .init(kind: .plan, criteria: ReportCriteria(from: ReportDay(year: 2025, month: 9, day: 2))))
        }
        #expect(halfMonth?.message == "the plan is by month: --from 02.09.2025 must be the first day of a month")
        let persons = await fixture.refusal {
            try await export.run(
                .init(kind: .plan, persons: ReportPersonsFile(name: "persons.csv", contents: Array("snils\n".utf8))))
        }
        #expect(persons?.message.hasPrefix("--persons does not apply to the plan report") == true)
        #expect(throws: ApplicationError.self) { try ExportReport.day("31.02.2026", for: .asOf) }
        #expect(
            (try? ExportReport.day("2026-02-28", for: .asOf)) == ReportDay(year: 2026, month: 2, day: 28))
    }

    @Test("the reconciliation: refused without a connection; a site that cannot be read is a failure and a warning")
    func reconciliation() async throws {
        let fixture = try await completedRoute()
        let refused = await fixture.refusal { try await export(.reconciliation, ReportCriteria(), fixture) }
        #expect(refused?.kind == .siteUnusable)
        let site = try #require(fixture.mapping.sites.first?.id)
        let report = try await export(
            .reconciliation, ReportCriteria(site: site.rawValue), fixture, connect: { _, _ in throw Unreachable() })
        #expect(report.failures.map(\.site) == [site])
        #expect(report.isIncomplete)
        #expect(report.table.heading.warnings.count == 1)
        #expect(report.table.heading.warnings.first?.ru.hasPrefix("Данные неполные: сайт \(site) не прочитан") == true)
        #expect(report.table.heading.criteria.first?.ru.hasPrefix("Сайт Moodle: \(site)") == true)
    }
}
