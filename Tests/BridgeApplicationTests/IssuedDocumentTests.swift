import BridgeApplication
import BridgeSync
import CreditCore
import CreditReports
import Foundation
import Logging
import MoodleClient
import Testing

/// Issued documents keep what they certify, survive corrections behind them (with a finding),
/// are cancelled by a record of their own, and can be verified by number and code.
@Suite("Issued documents")
struct IssuedDocumentTests {
    struct Unreachable: Error {}

    /// Кузнецова completes PK-72-MMC (36 + 24 + 12 h) on 10.05.2025, inside her route from
    /// 01.03.2025, and the free-choice PK-72 (opened by itself at her first credit) the same day; she
    /// is issued both certificates on 1 June 2026: 2026-00001 for PK-72-MMC, 2026-00002 for PK-72.
    func issuedCertificate() async throws -> (Fixture, IssueDocuments.Document) {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2025")
        _ = try await fixture.add("OCH-ADM-01", on: "20.04.2025")
        _ = try await fixture.add("ICT-03", on: "10.05.2025")
        _ = try await OpenRoute(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(person: "112-233-445 95", program: "PK-72-MMC", start: "01.03.2025"))
        let issued = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init())
        #expect(issued.documents.map(\.registrationNumber) == ["2026-00001", "2026-00002"])
        return (fixture, try #require(issued.documents.first { $0.route.hasPrefix("PK-72-MMC/") }))
    }

    func certificatesReport(_ fixture: Fixture, at moment: Date? = nil) async throws -> ReportTable {
        CertificatesBuilder().build(
            snapshot: try await LedgerSnapshot.read(from: fixture.ledger),
            context: ReportContext(mapping: fixture.mapping, asOf: moment ?? fixture.now))
    }

    /// The certificates report's rows as column key → cell text.
    func rows(_ table: ReportTable) -> [[String: String]] {
        table.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.key), row.map { $0.plainText(.ru) }))
        }
    }

    @Test("a certificate stores its program, volume and modules with the entry of each credit")
    func storesWhatItCertifies() async throws {
        let (fixture, document) = try await issuedCertificate()
        #expect(document.registrationNumber == "2026-00001" && document.hours == 72)
        let code = try #require(document.verificationCode)
        #expect(code.count == 10 && code.allSatisfy { VerificationCode.alphabet.contains($0) })
        let stored = try #require(try await fixture.ledger.documents().first)
        let content = try #require(stored.request.content)
        #expect(content.program == "PK-72-MMC" && content.programHours == 72)
        #expect(content.programTitle.hasPrefix("Методическое сопровождение в ММЦ"))
        #expect(content.modules.map(\.module) == ["OCH-MET-01", "OCH-ADM-01", "ICT-03"])
        #expect(content.modules.map(\.hours) == [36, 24, 12])
        #expect(content.modules.map(\.entry) == ["E1", "E2", "E3"])
        #expect(content.modules.map(\.form) == [.inPerson, .inPerson, .distance])
        let completing = try await fixture.ledger.entries(person: nil).first { $0.id == "E3" }
        #expect(content.completedAt != nil && content.completedAt == completing?.occurredAt)
        #expect(stored.request.verificationCode == code)
    }

    @Test("an issued certificate survives a reversal and a sync, listed as issued with its hours, with a finding")
    func survivesReversal() async throws {
        let (fixture, document) = try await issuedCertificate()
        let reversal = try await ReverseCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(entry: "E3", document: "приказ 6", operator: "Петрова", reason: "ошибка"))
        #expect(
            reversal.documents.map(\.description) == [
                "certificate 2026-00001 relies on reversed credit E3",
                "certificate 2026-00002 relies on reversed credit E3",
            ])
        // The sync records each route's verdict anew: without E3 the route is no longer complete.
        let summary = await SyncRunner(
            configuration: fixture.configuration, ledger: fixture.ledger, logger: Logger(label: "test"),
            makeSite: { _, _ in throw Unreachable() }
        ).run(sites: [], options: SyncOptions(now: fixture.now, runID: "after-reversal"), progress: { _ in })
        #expect(summary.failures.isEmpty)
        #expect(try await fixture.ledger.routes(person: nil).allSatisfy { $0.status != .completed })

        let report = try await certificatesReport(fixture)
        let listed = rows(report)
        #expect(listed.map { $0["registrationNumber"] } == ["2026-00001", "2026-00002"])
        #expect(listed.allSatisfy { $0["status"] == "выдано" && $0["hours"] == "72" })
        let row = try #require(listed.first)
        #expect(row["registrationNumber"] == "2026-00001" && row["status"] == "выдано")
        #expect(row["hours"] == "72" && row["programHours"] == "72" && row["completedOn"] == "10.05.2025")
        #expect(row["verificationCode"] == document.verificationCode)
        #expect(row["lastName"] == "Кузнецова")

        let reconciliation = try await Reconcile(
            configuration: fixture.configuration, ledger: fixture.opener, connect: { _, _ in throw Unreachable() },
            now: fixture.now
        ).run(sites: [])
        let findings = reconciliation.table.rows.map { $0.map { $0.plainText(.ru) } }
        let finding = try #require(
            findings.first { $0.contains("удостоверение 2026-00001 опирается на сторнированный зачёт E3") })
        #expect(finding.first == "Документ опирается на сторнированный зачёт")
        #expect(finding.contains("ICT-03"))
        // The same finding in English: its label and its detail.
        let english = try #require(reconciliation.table.rows.first?.map { $0.plainText(.en) })
        #expect(english.first == "Document relies on a reversed credit")
        #expect(english.contains("certificate 2026-00001 relies on reversed credit E3"))
    }

    @Test("a cancelled certificate is listed as cancelled with day and reason; the route gets a new one")
    func cancel() async throws {
        let (fixture, _) = try await issuedCertificate()
        let later = fixture.now.addingTimeInterval(86_400)
        let cancel = CancelDocument(mapping: fixture.mapping, ledger: fixture.opener, now: later)
        let result = try await cancel.run(
            .init(number: "2026-00001", kind: .certificate, reason: "ошибка в фамилии", operator: "Петрова Е.А."))
        #expect(result.document.registrationNumber == "2026-00001")
        #expect(result.cancellation.registrationNumber == "А-2026-00001")
        #expect(result.cancellation.request.reason == "ошибка в фамилии")
        #expect(result.cancellation.request.operator == "Петрова Е.А.")

        let again = await fixture.refusal {
            try await cancel.run(
                .init(number: "2026-00001", kind: .certificate, reason: "ещё раз", operator: "Петрова"))
        }
        #expect(again?.kind == .notCancellable)
        #expect(again?.message.hasPrefix("2026-00001 is already cancelled by А-2026-00001 (on 02.06.2026") == true)
        let unknown = await fixture.refusal {
            try await cancel.run(.init(number: "2026-00042", kind: .certificate, reason: "x", operator: "Петрова"))
        }
        #expect(unknown?.kind == .unknown && unknown?.message == "no certificate 2026-00042 in the ledger")
        let wrongKind = await fixture.refusal {
            try await cancel.run(.init(number: "2026-00001", kind: .statement, reason: "x", operator: "Петрова"))
        }
        #expect(wrongKind?.kind == .notCancellable)
        let noReason = await fixture.refusal {
            try await cancel.run(.init(number: "2026-00001", kind: .certificate, reason: "  ", operator: "Петрова"))
        }
        #expect(noReason?.kind == .invalidValue)
        #expect(try await fixture.ledger.documents().count == 3)

        let reissued = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: later)
            .run(.init())
        #expect(reissued.documents.map(\.registrationNumber) == ["2026-00003"])
        #expect(reissued.documents.first?.route.hasPrefix("PK-72-MMC/") == true)

        let listed = rows(try await certificatesReport(fixture, at: later))
        #expect(listed.map { $0["registrationNumber"] } == ["2026-00001", "2026-00002", "2026-00003"])
        #expect(listed.map { $0["status"] } == ["аннулировано", "выдано", "выдано"])
        #expect(listed.first?["cancelledOn"] == "02.06.2026")
        #expect(listed.first?["cancellationReason"] == "ошибка в фамилии")
        #expect(listed.last?["cancelledOn"] == "" && listed.last?["cancellationReason"] == "")
        // Before the cancellation, the report shows the certificate as it then stood.
        #expect(rows(try await certificatesReport(fixture)).map { $0["status"] } == ["выдано", "выдано"])
    }

    @Test("a statement is numbered in its own series and stores the modules passed by the deadline")
    func statementSeries() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2025")
        _ = try await OpenRoute(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(person: "112-233-445 95", program: "PK-72-MMC", start: "01.03.2025"))
        let issued = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init(statements: true))
        // Both her routes (PK-72-MMC, and PK-72 opened by itself) expired with one module.
        #expect(issued.documents.map(\.registrationNumber) == ["С-2026-00001", "С-2026-00002"])
        let stored = try await fixture.ledger.documents()
        #expect(stored.map { $0.request.content?.modules.map(\.module) } == [["OCH-MET-01"], ["OCH-MET-01"]])
        #expect(stored.allSatisfy { $0.request.content?.completedAt == nil })
        let table = StatementsBuilder().build(
            snapshot: try await LedgerSnapshot.read(from: fixture.ledger),
            context: ReportContext(mapping: fixture.mapping, asOf: fixture.now))
        let cells = try #require(table.rows.first).map { $0.plainText(.ru) }
        #expect(cells.first == "С-2026-00001" && cells.contains("выдана") && cells.contains("OCH-MET-01"))
    }

    @Test("a document is shown to whoever has its number and code, and to nobody else")
    func verify() async throws {
        let (fixture, document) = try await issuedCertificate()
        let code = try #require(document.verificationCode)
        let verify = VerifyDocument(mapping: fixture.mapping, ledger: fixture.opener)
        let shown = try #require(try await verify.run(.init(number: "2026-00001", code: code)))
        #expect(shown.number == "2026-00001" && shown.kind == "certificate" && shown.hours == 72)
        #expect(shown.programTitle.hasPrefix("Методическое сопровождение в ММЦ"))
        #expect(shown.issuedOn.iso == "2026-06-01" && shown.status == .valid)
        #expect(shown.holder == "Кузнецова И.")
        // Typed by hand: lower case, with a space.
        let typed = code.lowercased().prefix(5) + " " + code.lowercased().dropFirst(5)
        #expect(try await verify.run(.init(number: "2026-00001", code: String(typed))) == shown)

        var wrong = Array(code)
        wrong[0] = wrong[0] == "A" ? "B" : "A"
        #expect(try await verify.run(.init(number: "2026-00001", code: String(wrong))) == nil)
        #expect(try await verify.run(.init(number: "2026-00002", code: code)) == nil)
        #expect(try await verify.run(.init(number: "2026-00009", code: code)) == nil)
        #expect(try await verify.run(.init(number: "2026-00001", code: "")) == nil)

        _ = try await CancelDocument(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(number: "2026-00001", kind: .certificate, reason: "ошибка", operator: "Петрова"))
        #expect(try await verify.run(.init(number: "2026-00001", code: code))?.status == .cancelled)
        // A cancellation record is not a document anyone verifies.
        #expect(try await verify.run(.init(number: "А-2026-00001", code: code)) == nil)
    }

    @Test("initials are the last name and the first letters of the first and middle names")
    func initials() {
        let person = Person(
            id: "P-1", lastName: "Иванова", firstName: "Анна", middleName: "Петровна", category: .teacher)
        #expect(VerifyDocument.initials(person) == "Иванова А. П.")
        #expect(VerifyDocument.initials(Person(id: "P-2", lastName: "Орлов", firstName: "Сергей")) == "Орлов С.")
    }
}
