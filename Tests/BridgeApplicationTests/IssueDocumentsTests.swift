import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("Issue documents")
struct IssueDocumentsTests {
    /// Кузнецова completes PK-72-MMC (36 + 24 + 12 h) on 10.05.2025, inside her route from 01.03.2025.
    func completedRoute() async throws -> Fixture {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2025")
        _ = try await fixture.add("OCH-ADM-01", on: "20.04.2025")
        _ = try await fixture.add("ICT-03", on: "10.05.2025")
        _ = try await OpenRoute(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(person: "112-233-445 95", program: "PK-72-MMC", start: "01.03.2025"))
        return fixture
    }

    func issue(_ input: IssueDocuments.Input, _ fixture: Fixture) async throws -> IssueDocuments.Result {
        try await IssueDocuments(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(input)
    }

    @Test("the registration year is the issue day's, and a route completed after the issue day is not due")
    func numberedInTheYearOfIssue() async throws {
        let fixture = try await completedRoute()
        let early = try await issue(.init(issuedOn: "25.03.2025", dryRun: true), fixture)
        #expect(early.documents.isEmpty && early.issuedOn.iso == "2025-03-25")
        let issued = try await issue(.init(issuedOn: "15.12.2025"), fixture)
        #expect(issued.issuedOn.iso == "2025-12-15")
        let document = try #require(issued.documents.first { $0.route == "PK-72-MMC/P-11223344595/2025-03-01" })
        #expect(document.registrationNumber?.hasPrefix("2025-0000") == true && document.kind == "certificate")
        #expect(issued.documents.compactMap(\.registrationNumber).sorted().first == "2025-00001")
        #expect(document.name == "Кузнецова Ирина" && document.hours == 72)
        // Issued once: nothing more is due for the route.
        let again = try await issue(.init(), fixture)
        #expect(!again.documents.contains { $0.route == document.route })
    }

    @Test("a dry run lists what would be issued and writes nothing")
    func dryRun() async throws {
        let fixture = try await completedRoute()
        let planned = try await issue(.init(dryRun: true), fixture)
        #expect(planned.dryRun)
        #expect(planned.documents.contains { $0.route == "PK-72-MMC/P-11223344595/2025-03-01" })
        #expect(planned.documents.allSatisfy { $0.registrationNumber == nil })
        #expect(try await fixture.ledger.documents().isEmpty)
        let issued = try await issue(.init(), fixture)
        #expect(issued.documents.map(\.route) == planned.documents.map(\.route))
        #expect(issued.issuedOn.iso == "2026-06-01")
        #expect(issued.documents.compactMap(\.registrationNumber).sorted().first == "2026-00001")
    }

    @Test("an issue day that is no day, or after today, is refused before the ledger is opened")
    func badIssueDay() async throws {
        let fixture = try Fixture()
        let issueDocuments = IssueDocuments(
            mapping: fixture.mapping, ledger: { throw CancellationError() }, now: fixture.now)
        let notADay = await fixture.refusal { try await issueDocuments.run(.init(issuedOn: "31.02.2026")) }
        #expect(
            notADay?.kind == .invalidValue && notADay?.message == "--issued-on '31.02.2026' is not a day (dd.mm.yyyy)")
        let future = await fixture.refusal { try await issueDocuments.run(.init(issuedOn: "02.06.2026")) }
        #expect(future?.kind == .futureDate)
    }
}
