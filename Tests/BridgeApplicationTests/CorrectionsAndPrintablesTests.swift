import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import Testing

/// The use cases behind the console's corrections and printable pages: the card's findings after a
/// reversal, the refusals of an empty reversal, the statement, the credit sheet and the registry book.
@Suite("Corrections and printable pages")
struct CorrectionsAndPrintablesTests {
    static let person = "P-11223344595"

    /// Кузнецова Ирина completes PK-72 (OCH-MET-01 and ICT-01, 36 h each) and is issued certificate 2026-00001.
    func certified() async throws -> Fixture {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        _ = try await fixture.add("ICT-01", on: "20.03.2026")
        let issued = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init())
        #expect(issued.documents.compactMap(\.registrationNumber) == ["2026-00001"])
        return fixture
    }

    func card(_ fixture: Fixture) async throws -> LearnerCard.Result {
        try await LearnerCard(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(person: Self.person)
    }

    @Test("after a reversal the card lists the certificate that relies on the credit, until it is cancelled")
    func findingsOnTheCard() async throws {
        let fixture = try await certified()
        let before = try await card(fixture)
        #expect(before.findings.isEmpty)
        #expect(before.entries.map(\.reversible) == [true, true])
        #expect(before.documents.map(\.cancellable) == [true])

        let reversed = try await ReverseCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init(entry: "E1", document: "приказ 6", operator: "admin", reason: "ошибка в ведомости"))
        #expect(reversed.documents.map(\.description) == ["certificate 2026-00001 relies on reversed credit E1"])

        let after = try await card(fixture)
        #expect(after.findings == reversed.documents)
        #expect(after.findings.first?.module == "OCH-MET-01")
        // The credit reversed and the reversal itself can no longer be reversed; the other credit can.
        #expect(after.entries.map(\.id) == ["E1", "E2", "E3"])
        #expect(after.entries.map(\.reversible) == [false, true, false])

        _ = try await CancelDocument(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(
                .init(number: "2026-00001", kind: .certificate, reason: "запись E1 аннулирована", operator: "registrar")
            )
        let cancelled = try await card(fixture)
        #expect(cancelled.findings.isEmpty)
        let certificate = try #require(cancelled.documents.first { $0.registrationNumber == "2026-00001" })
        #expect(certificate.cancelledBy == "А-2026-00001" && !certificate.cancellable)
        #expect(cancelled.documents.first { $0.kind == .cancellation }?.cancellable == false)
    }

    @Test(
        "a reversal without a reason, a document or an operator, or from another learner's card, is refused and writes nothing"
    )
    func emptyReversal() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        let reverse = ReverseCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
        let noReason = await fixture.refusal {
            try await reverse.run(.init(entry: "E1", document: "приказ 6", operator: "admin", reason: "  "))
        }
        #expect(noReason?.kind == .invalidValue && noReason?.message == "the reason is empty; say why E1 is reversed")
        let noDocument = await fixture.refusal {
            try await reverse.run(.init(entry: "E1", document: "", operator: "admin", reason: "ошибка"))
        }
        #expect(noDocument?.kind == .invalidValue && noDocument?.message.hasPrefix("the document is empty") == true)
        let noOperator = await fixture.refusal {
            try await reverse.run(.init(entry: "E1", document: "приказ 6", operator: " ", reason: "ошибка"))
        }
        #expect(noOperator?.kind == .invalidValue)
        // From another learner's card: the entry is not theirs.
        let otherCard = await fixture.refusal {
            try await reverse.run(
                .init(entry: "E1", document: "приказ 6", operator: "admin", reason: "ошибка", person: "P-08765430300"))
        }
        #expect(otherCard?.kind == .unknown && otherCard?.message == "no entry E1 of P-08765430300 in the ledger")
        #expect(try await fixture.ledger.entryCount() == 1)
    }

    @Test("the statement of a route not yet issued shows what one would state; an issued one, as issued")
    func statement() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2025")
        _ = try await OpenRoute(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(person: "112-233-445 95", program: "PK-72-MMC", start: "01.03.2025"))
        let route = "PK-72-MMC/P-11223344595/2025-03-01"
        let statement = LearnerStatement(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
        let planned = try await statement.run(person: Self.person, route: route)
        #expect(planned.institution == fixture.mapping.organisation.institution && planned.institution != nil)
        #expect(planned.requisites == fixture.mapping.organisation.requisites && planned.requisites.count == 3)
        #expect(planned.person.fullName == "Кузнецова Ирина")
        #expect(planned.programTitle.hasPrefix("Методическое сопровождение в ММЦ"))
        #expect(planned.start == "01.03.2025" && planned.lastDay == "30.11.2025" && planned.status == .expired)
        #expect(planned.modules.map(\.module) == ["OCH-MET-01"] && planned.modules.map(\.date) == ["14.03.2025"])
        #expect(planned.totalHours == 36 && planned.issued == nil && planned.madeOn == "01.06.2026")

        let issued = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init(statements: true))
        let number = try #require(issued.documents.first { $0.route == route }?.registrationNumber)
        let printed = try await statement.run(person: Self.person, route: route)
        #expect(printed.issued?.number == number && number.hasPrefix("С-2026-"))
        #expect(printed.issued?.verificationCode == issued.documents.first { $0.route == route }?.verificationCode)
        #expect(printed.issued?.issuedOn == "01.06.2026" && printed.issued?.cancelledBy == nil)
        #expect(printed.modules == planned.modules && printed.totalHours == 36)

        // A credit added after the statement does not change what it states.
        _ = try await fixture.add("ICT-03", on: "15.05.2025")
        #expect(try await statement.run(person: Self.person, route: route).modules.map(\.module) == ["OCH-MET-01"])

        let unknown = await fixture.refusal { try await statement.run(person: Self.person, route: "PK-72/none") }
        #expect(unknown?.kind == .unknown && unknown?.message == "no route 'PK-72/none' of P-11223344595 in the ledger")
    }

    @Test("the printable credit sheet is the credit-sheet report's table")
    func creditSheet() async throws {
        let fixture = try await certified()
        let sheet = try await LearnerCreditSheet(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(person: Self.person)
        let report = try CreditSheetBuilder().build(
            person: PersonID(rawValue: Self.person), snapshot: try await LedgerSnapshot.read(from: fixture.ledger),
            context: ReportContext(mapping: fixture.mapping, asOf: fixture.now))
        #expect(sheet.table == report)
        #expect(sheet.table.rows.count == 2 && sheet.institution == fixture.mapping.organisation.institution)
        #expect(sheet.table.summary.first { $0.key == "totalHours" }?.value == .hours(CreditHours(72)))
        let unknown = await fixture.refusal {
            try await LearnerCreditSheet(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
                .run(person: "P-0")
        }
        #expect(unknown?.kind == .unknown)
    }

    @Test("the registry book lists the certificates in registration order, cancelled ones marked")
    func registry() async throws {
        let fixture = try await certified()
        _ = try await CancelDocument(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init(number: "2026-00001", kind: .certificate, reason: "ошибка в фамилии", operator: "registrar"))
        let registry = try await ListDocuments(mapping: fixture.mapping, ledger: fixture.opener)
            .registry(.certificate, asOf: fixture.now)
        #expect(registry.lines.map(\.registrationNumber) == ["2026-00001"])
        let line = try #require(registry.lines.first)
        #expect(line.name == "Кузнецова Ирина" && line.statedHours == 72 && line.issuedOn == "2026-06-01")
        #expect(line.issuedOnPrinted == "01.06.2026")
        #expect(line.programTitle.hasPrefix("Повышение квалификации по накопительной системе"))
        #expect(line.cancelledBy == "А-2026-00001" && line.cancellationReason == "ошибка в фамилии")
        #expect(registry.madeOn == "01.06.2026" && registry.institution != nil)
    }
}
