import CreditCore
import CreditReports
import Foundation
import Testing

/// Criteria either apply or are refused; dates mean the same in every report.
@Suite("Report criteria")
struct ReportCriteriaTests {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> ReportDay {
        ReportDay(year: year, month: month, day: day)
    }

    func refusal(_ criteria: ReportCriteria, _ kind: ReportKind, fixture: ReportFixture) -> ReportError? {
        do {
            _ = try criteria.filter(for: kind, mapping: fixture.context.mapping, snapshot: fixture.snapshot)
            return nil
        } catch let error as ReportError {
            return error
        } catch {
            return nil
        }
    }

    @Test("A centre is found by its id, its field value or cohort, or its name; an unknown one lists the centres")
    func centreByAnyName() async throws {
        let organisation = try ReportFixture.mapping().organisation
        for text in ["MMC-04", "ММЦ-04", "ммц-04", "  ММЦ-04 Восточный  межмуниципальный методический центр "] {
            #expect(try organisation.centre(named: text).id == "MMC-04", "\(text)")
        }
        let birch = Organisation(centres: [Centre(id: "C-1", name: "Центр «Берёзка»", profileValue: "Берёзка")])
        #expect(try birch.centre(named: "центр «березка»").id == "C-1")
        #expect(try birch.centre(named: "БЕРЕЗКА").id == "C-1")
        #expect(throws: ReportError.self) { try organisation.centre(named: "ММЦ-09") }
        do {
            _ = try organisation.centre(named: "ММЦ-09")
        } catch let error as ReportError {
            #expect(error.description.hasPrefix("unknown centre 'ММЦ-09'"))
            #expect(error.description.contains("MMC-01 (ММЦ-01 Северный межмуниципальный методический центр)"))
            #expect(error.description.contains("MMC-05"))
        }
    }

    @Test("--centre ММЦ-01 narrows the certificates to that centre's learners")
    func centreApplies() async throws {
        let fixture = try await ReportFixture.make()
        let filter = try ReportCriteria(centre: "ММЦ-01").filter(
            for: .certificates, mapping: fixture.context.mapping, snapshot: fixture.snapshot)
        #expect(filter.centre == "MMC-01")
        let table = CertificatesBuilder().build(snapshot: fixture.snapshot, context: fixture.context, filter: filter)
        #expect(table.rows.map { $0[11] } == [.text("R-0001")])
    }

    @Test("An unknown site is refused with the known ones; --site is refused where it cannot apply")
    func sites() async throws {
        let fixture = try await ReportFixture.make()
        let unknown = refusal(ReportCriteria(site: "nosuch"), .creditSheet, fixture: fixture)
        #expect(unknown == .unknownSite("nosuch", known: ["ripk", "north"]))
        #expect(unknown?.description == "unknown site 'nosuch'; the mapping files have: ripk, north")
        for kind in [ReportKind.certificates, .statements, .frdo, .plan, .centres] {
            let refused = refusal(ReportCriteria(site: "ripk"), kind, fixture: fixture)
            #expect(refused?.description.hasPrefix("--site does not apply to the \(kind.rawValue) report") == true)
        }
        #expect(refusal(ReportCriteria(site: "north"), .creditSheet, fixture: fixture) == nil)
        #expect(refusal(ReportCriteria(site: "north"), .reconciliation, fixture: fixture) == nil)
    }

    @Test("Criteria a report cannot use are refused, never ignored")
    func notApplicable() async throws {
        let fixture = try await ReportFixture.make()
        #expect(refusal(ReportCriteria(centre: "MMC-01"), .plan, fixture: fixture) != nil)
        #expect(refusal(ReportCriteria(person: "P-0001"), .plan, fixture: fixture) != nil)
        #expect(refusal(ReportCriteria(category: .teacher), .creditSheet, fixture: fixture) != nil)
        for criteria in [
            ReportCriteria(centre: "MMC-01"), ReportCriteria(from: Self.day(2026, 1, 1)),
            ReportCriteria(asOf: Self.day(2026, 1, 1)), ReportCriteria(person: "P-0001"),
        ] {
            #expect(refusal(criteria, .reconciliation, fixture: fixture) != nil)
        }
        #expect(
            refusal(ReportCriteria(from: Self.day(2026, 2, 1), to: Self.day(2026, 1, 1)), .centres, fixture: fixture)
                == .emptyPeriod(from: Self.day(2026, 2, 1), to: Self.day(2026, 1, 1)))
        #expect(
            refusal(ReportCriteria(from: Self.day(2025, 9, 15)), .plan, fixture: fixture)
                == .notWholeMonth(.from, Self.day(2025, 9, 15)))
        #expect(
            refusal(ReportCriteria(to: Self.day(2024, 2, 28)), .plan, fixture: fixture)
                == .notWholeMonth(.to, Self.day(2024, 2, 28)))
        #expect(
            refusal(ReportCriteria(from: Self.day(2025, 9, 1), to: Self.day(2024, 2, 29)), .plan, fixture: fixture)
                == .emptyPeriod(from: Self.day(2025, 9, 1), to: Self.day(2024, 2, 29)))
        #expect(
            refusal(ReportCriteria(from: Self.day(2024, 1, 1), to: Self.day(2024, 2, 29)), .plan, fixture: fixture)
                == nil)
    }

    @Test("A learner is named by their ledger id or SNILS; an unknown one is refused")
    func persons() async throws {
        let fixture = try await ReportFixture.make()
        let mapping = fixture.context.mapping
        let bySNILS = try ReportCriteria(person: ReportFixture.petrov.snils!.formatted)
            .filter(for: .certificates, mapping: mapping, snapshot: fixture.snapshot)
        #expect(bySNILS.person == "P-0002")
        #expect(refusal(ReportCriteria(person: "P-9999"), .certificates, fixture: fixture) == .unknownPerson("P-9999"))
        #expect(refusal(ReportCriteria(person: "112-233-445 95"), .statements, fixture: fixture) == nil)
        let stranger = ReportFixture.snils("555666777").formatted
        #expect(
            refusal(ReportCriteria(person: stranger), .statements, fixture: fixture)?.description
                == "no learner with SNILS \(stranger) in the ledger")
    }

    /// The centres row of `centre`: learners, modules, hours, completed, open, expired.
    func centreRow(_ table: ReportTable, _ centre: String) -> [ReportCell] {
        Array(table.rows.first { $0.first == .text(centre) }?.dropFirst(2) ?? [])
    }

    @Test("--as-of changes the centres and statements reports: routes judged then, later credits not counted")
    func asOfCentresAndStatements() async throws {
        let fixture = try await ReportFixture.make()
        let now = CentresBuilder().build(snapshot: fixture.snapshot, context: fixture.context)
        #expect(
            centreRow(now, "MMC-01") == [.integer(3), .integer(7), .hours(122), .integer(1), .integer(1), .integer(1)])
        #expect(
            centreRow(now, "MMC-02") == [.integer(1), .integer(3), .hours(72), .integer(1), .integer(0), .integer(0)])
        let statementsNow = StatementsBuilder().build(snapshot: fixture.snapshot, context: fixture.context)
        #expect(Set(statementsNow.rows.map { $0[7] }) == [.text("R-0003")])
        #expect(statementsNow.rows.first?[0] == .text("С-2026-00001"))

        var september = fixture.context
        september.asOf = september.endOfDay(Self.day(2025, 9, 30))
        // Sidorova's route (last day 30.09.2025) is still open; Ivanova has one credit and an open
        // route; Petrov's first credit (01.10.2025) has not occurred; Kuznetsova's route has not begun.
        let then = CentresBuilder().build(snapshot: fixture.snapshot, context: september)
        #expect(
            centreRow(then, "MMC-01") == [.integer(2), .integer(3), .hours(50), .integer(0), .integer(2), .integer(0)])
        #expect(
            centreRow(then, "MMC-02") == [.integer(0), .integer(0), .hours(0), .integer(0), .integer(1), .integer(0)])
        #expect(StatementsBuilder().build(snapshot: fixture.snapshot, context: september).rows.isEmpty)

        // In November the route has expired but its statement (issued 02.02.2026) is not yet issued.
        var november = fixture.context
        november.asOf = november.endOfDay(Self.day(2025, 11, 30))
        let statementsThen = StatementsBuilder().build(snapshot: fixture.snapshot, context: november)
        #expect(statementsThen.rows.first?[0] == .label(LocalizedText(ru: "не выдана", en: "not issued")))
        let certificates = CertificatesBuilder().build(snapshot: fixture.snapshot, context: november)
        #expect(certificates.rows.map { $0[11] } == [.text("R-0001")])
        #expect(certificates.rows.first?[0] == .label(LocalizedText(ru: "не выдано", en: "not issued")))
        #expect(FRDOBuilder().build(snapshot: fixture.snapshot, details: nil, context: november).table.rows.isEmpty)
    }

    @Test("--from/--to pick documents by their issue day, routes not yet issued by their own day")
    func periods() async throws {
        let fixture = try await ReportFixture.make()
        let issuedIn2026 = ReportFilter(from: Self.day(2026, 1, 1), to: Self.day(2026, 12, 31))
        #expect(
            StatementsBuilder().build(snapshot: fixture.snapshot, context: fixture.context, filter: issuedIn2026).rows
                .count == 2)
        let in2025 = ReportFilter(from: Self.day(2025, 1, 1), to: Self.day(2025, 12, 31))
        #expect(
            StatementsBuilder().build(snapshot: fixture.snapshot, context: fixture.context, filter: in2025).rows
                .isEmpty)
        #expect(
            CertificatesBuilder().build(snapshot: fixture.snapshot, context: fixture.context, filter: in2025).rows
                .isEmpty)
        // Credits by the day they occurred.
        let october = ReportFilter(from: Self.day(2025, 10, 1), to: Self.day(2025, 10, 31))
        let sheet = try CreditSheetBuilder().build(
            person: "P-0001", snapshot: fixture.snapshot, context: fixture.context, filter: october)
        #expect(sheet.rows.map { $0[1] } == [.text("VOS-01"), .text("ICT-01")])
    }

    @Test("The heading names the institution, every criterion and the day the report was made")
    func heading() async throws {
        let fixture = try await ReportFixture.make()
        let filter = ReportFilter(
            site: "north", centre: "MMC-04", category: .methodist, from: Self.day(2025, 9, 1),
            to: Self.day(2025, 12, 31), person: "P-0002")
        let heading = filter.heading(
            context: fixture.context, asOf: Self.day(2025, 12, 31), madeOn: Self.day(2026, 2, 2),
            persons: fixture.snapshot.personByID)
        #expect(heading.institution?.hasPrefix("ГАУ ДПО «Региональный институт") == true)
        #expect(heading.madeOn == Self.day(2026, 2, 2))
        #expect(
            heading.criteria.map(\.ru) == [
                "Сайт Moodle: north — \(fixture.context.mapping.site("north")!.name)",
                "ММЦ: ММЦ-04 Восточный межмуниципальный методический центр",
                "Категория: методисты",
                "Период: с 01.09.2025 по 31.12.2025",
                "Слушатель: Петров Николай Андреевич (P-0002)",
                "По состоянию на конец дня 31.12.2025",
            ])
        #expect(heading.criteria.map(\.en)[2...3] == ["Category: methodists", "Period: 01.09.2025 to 31.12.2025"])
        #expect(heading.warnings.isEmpty)
        #expect(ReportFilter().heading(context: fixture.context, madeOn: Self.day(2026, 2, 2)).criteria.isEmpty)
        let warning = ReportHeading.siteNotRead("ripk", reason: "invalid token")
        #expect(warning.ru == "Данные неполные: сайт ripk не прочитан (invalid token)")
        #expect(warning.en == "Incomplete data: site ripk could not be read (invalid token)")
    }
}
