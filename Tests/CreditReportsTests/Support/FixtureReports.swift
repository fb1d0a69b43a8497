import CreditCore
import CreditReports
import Foundation

/// Every report of the fixture, as the golden tests and the LibreOffice test use them.
extension ReportFixture {
    /// The heading every fixture report carries, so the golden files show the title block.
    static let heading = ReportHeading(
        institution: "ГАУ ДПО «Региональный институт повышения квалификации»",
        criteria: [LocalizedText(ru: "Отбор: все слушатели", en: "Criteria: all learners")],
        madeOn: ReportDay(year: 2026, month: 2, day: 3))

    func table(_ kind: ReportKind) throws -> ReportTable {
        var table = try bareTable(kind)
        table.heading = Self.heading
        return table
    }

    private func bareTable(_ kind: ReportKind) throws -> ReportTable {
        switch kind {
        case .creditSheet: try CreditSheetBuilder().build(person: "P-0001", snapshot: snapshot, context: context)
        case .certificates:
            CertificatesBuilder().build(snapshot: snapshot, context: context, details: personDetails)
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

    var personDetails: PersonDetailsFile { PersonDetailsFile(bytes: Array(Self.personsCSV.utf8)) }

    func frdo() -> FRDOBuilder.Export {
        FRDOBuilder().build(snapshot: snapshot, details: personDetails, context: context)
    }
}
