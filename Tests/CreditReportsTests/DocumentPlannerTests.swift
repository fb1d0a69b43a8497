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
                "certificate R-0001 2026-00001", "certificate R-0002 2026-00002", "statement R-0003 2026-00003",
            ])
    }

    @Test("A completed route without a certificate is due, in the year asked for")
    func due() async throws {
        let fixture = try await ReportFixture.make()
        var snapshot = fixture.snapshot
        snapshot.documents = []
        let requests = DocumentPlanner().requests(
            .certificate, snapshot: snapshot, context: fixture.context, year: 2025)
        #expect(requests.map(\.route) == ["R-0001", "R-0002"])
        #expect(requests.allSatisfy { $0.year == 2025 && $0.hours == 72 })
    }
}
