import CreditCore
import CreditReports
import Foundation
import Testing

/// Which documents are due, and that issuing them twice issues nothing more.
@Suite("Document planner")
struct DocumentPlannerTests {
    @Test("Issued routes are not due again; numbers run on per year")
    func issuedOnce() async throws {
        let fixture = try await ReportFixture.make()
        let planner = DocumentPlanner()
        #expect(planner.requests(.certificate, snapshot: fixture.snapshot, context: fixture.context).isEmpty)
        #expect(planner.requests(.statement, snapshot: fixture.snapshot, context: fixture.context).isEmpty)
        let numbers = fixture.snapshot.documents.map {
            "\($0.request.kind.rawValue) \($0.request.route) \($0.registrationNumber)"
        }
        #expect(
            numbers == [
                "certificate R-0001 2026-00001", "certificate R-0002 2026-00002", "statement R-0003 С-2026-00001",
            ])
    }

    @Test("A completed route without a certificate is due, numbered in the year of its issue day")
    func due() async throws {
        let fixture = try await ReportFixture.make(issueDocuments: false)
        var context = fixture.context
        context.asOf = context.endOfDay(ReportDay(year: 2025, month: 12, day: 31))
        let requests = DocumentPlanner().requests(.certificate, snapshot: fixture.snapshot, context: context)
        #expect(requests.map(\.route) == ["R-0001", "R-0002"])
        #expect(requests.allSatisfy { $0.year == 2025 && $0.hours == 72 && $0.issuedAt == context.asOf })
        let issued = try await fixture.ledger.issueDocuments(requests)
        #expect(issued.first?.registrationNumber == "2025-00001")
    }

    @Test("A route is due only once it is completed at the issue day, whatever the ledger recorded later")
    func judgedAtIssueDay() async throws {
        let fixture = try await ReportFixture.make(issueDocuments: false)
        var context = fixture.context
        // Ivanova completed on 20.11.2025, Petrov on 08.12.2025; Sidorova's route expired on 30.09.2025.
        context.asOf = context.endOfDay(ReportDay(year: 2025, month: 11, day: 30))
        let planner = DocumentPlanner()
        #expect(planner.requests(.certificate, snapshot: fixture.snapshot, context: context).map(\.route) == ["R-0001"])
        #expect(planner.requests(.statement, snapshot: fixture.snapshot, context: context).map(\.route) == ["R-0003"])
        context.asOf = context.endOfDay(ReportDay(year: 2025, month: 9, day: 30))
        #expect(planner.requests(.certificate, snapshot: fixture.snapshot, context: context).isEmpty)
        #expect(planner.requests(.statement, snapshot: fixture.snapshot, context: context).isEmpty)
    }
}
