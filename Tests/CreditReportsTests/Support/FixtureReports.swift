import CreditCore
import CreditReports
import Foundation

/// Every report of the fixture, as the golden tests and the LibreOffice test use them.
extension ReportFixture {
    func table(_ kind: ReportKind) throws -> ReportTable {
        switch kind {
        case .creditSheet: try CreditSheetBuilder().build(person: "P-0001", snapshot: snapshot, context: context)
        case .certificates: CertificatesBuilder().build(snapshot: snapshot, context: context)
        case .frdo: frdo().table
        case .statements: StatementsBuilder().build(snapshot: snapshot, context: context)
        case .plan:
            PlanBuilder().build(
                snapshot: snapshot, context: context,
                filter: ReportFilter(
                    from: ReportDay(year: 2025, month: 4, day: 1), to: ReportDay(year: 2026, month: 1, day: 31)))
        case .centres: CentresBuilder().build(snapshot: snapshot, context: context)
        case .reconciliation: ReconciliationBuilder().build(items: Self.reconciliationItems, persons: snapshot.persons)
        }
    }

    func frdo() -> FRDOBuilder.Export {
        FRDOBuilder().build(
            snapshot: snapshot, details: PersonDetailsFile(bytes: Array(Self.personsCSV.utf8)), context: context)
    }
}
