import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import Testing

@Suite("Plan months: a period typed as months")
struct PlanMonthsTests {
    @Test("from is the month's first day, to its last; a text that is no month is refused naming the criterion")
    func months() async throws {
        #expect(try ExportReport.month("2025-03", for: .from) == ReportDay(year: 2025, month: 3, day: 1))
        #expect(try ExportReport.month("2025-05", for: .to) == ReportDay(year: 2025, month: 5, day: 31))
        #expect(try ExportReport.month("2024-02", for: .to) == ReportDay(year: 2024, month: 2, day: 29))
        #expect(try ExportReport.month("2025-02", for: .to) == ReportDay(year: 2025, month: 2, day: 28))
        #expect(try ExportReport.month(nil, for: .from) == nil)
        let fixture = try Fixture()
        let refusal = await fixture.refusal { try ExportReport.month("2025-13", for: .to) }
        #expect(refusal?.kind == .invalidValue && refusal?.message == "to '2025-13' is not a month (yyyy-mm)")
        let notMonth = await fixture.refusal { try ExportReport.month("01.03.2025", for: .from) }
        #expect(notMonth?.message == "from '01.03.2025' is not a month (yyyy-mm)")
    }

    @Test("a period of whole months is what the plan report takes")
    func planTakesThem() async throws {
        let fixture = try Fixture()
        let criteria = ReportCriteria(
            from: try ExportReport.month("2025-03", for: .from), to: try ExportReport.month("2025-05", for: .to))
        let report = try await ExportReport(
            configuration: fixture.configuration, ledger: fixture.opener, now: fixture.now
        )
        .run(.init(kind: .plan, criteria: criteria))
        #expect(report.table.heading.criteria.map(\.ru) == ["Период: с 01.03.2025 по 31.05.2025"])
    }
}
