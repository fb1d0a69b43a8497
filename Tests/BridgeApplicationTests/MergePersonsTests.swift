import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import Testing

/// A merge that changes whose credits an issued document rests on names the document, in the
/// merge's result and in the reconciliation report.
@Suite("Merging persons with issued documents")
struct MergePersonsTests {
    struct Unreachable: Error {}

    @Test("merging a person with issued certificates names each one; the reconciliation report lists them")
    func documentsNamed() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2025")
        _ = try await fixture.add("OCH-ADM-01", on: "20.04.2025")
        _ = try await fixture.add("ICT-03", on: "10.05.2025")
        _ = try await OpenRoute(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(person: "112-233-445 95", program: "PK-72-MMC", start: "01.03.2025"))
        let issued = try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
            .run(.init())
        #expect(issued.documents.map(\.registrationNumber) == ["2026-00001", "2026-00002"])
        _ = try await AddCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(
                snils: "123-456-789 64", lastName: "Кузнецова", firstName: "Ирина", module: "ICT-03",
                date: "11.05.2025", document: "ведомость 13/26", operator: "Петрова"))
        let persons = try await fixture.ledger.persons()
        let first = try #require(persons.first { $0.snils?.digits == "11223344595" }).id
        let second = try #require(persons.first { $0.snils?.digits == "12345678964" }).id

        let result = try await MergePersons(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(keep: second.rawValue, other: first.rawValue, reason: "один человек", operator: "Петрова"))
        #expect(result.documents.map(\.registrationNumber) == ["2026-00001", "2026-00002"])
        #expect(result.documents.allSatisfy { $0.person == first && $0.kind == .certificate })
        // ICT-03 credited to both counts once.
        #expect(result.after.modules == 3)

        let reconcile = Reconcile(
            configuration: fixture.configuration, ledger: fixture.opener, connect: { _, _ in throw Unreachable() },
            now: fixture.now)
        let text = try await reconcile.run(sites: []).table.rows.map { $0.map { "\($0)" }.joined(separator: "|") }
        let merged = text.filter { $0.contains("the person is merged into \(second)") }
        #expect(merged.count == 2, "\(text)")
        #expect(merged.contains { $0.contains("certificate 2026-00001 of \(first)") })

        // Unmerged, the documents' person is itself again: nothing left to review.
        _ = try await UnmergePersons(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(other: first.rawValue, reason: "два человека", operator: "Петрова"))
        let after = try await reconcile.run(sites: []).table.rows.map { $0.map { "\($0)" }.joined(separator: "|") }
        #expect(!after.contains { $0.contains("merged into") })
    }
}
