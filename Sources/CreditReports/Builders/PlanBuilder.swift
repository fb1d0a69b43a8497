import CreditCore
import Foundation

/// Builds plan against actual: by month × form × category, the learners planned in the mapping's
/// training plan against the distinct learners credited, with totals by form and overall.
public struct PlanBuilder: Sendable {
    public init() {}

    static let columns = [
        ReportColumn("month", ru: "Месяц", en: "Month", width: 10),
        ReportColumn("form", ru: "Форма", en: "Form", width: 16),
        ReportColumn("category", ru: "Категория", en: "Category", width: 28),
        ReportColumn("planned", ru: "План, чел.", en: "Planned learners", width: 12),
        ReportColumn("trained", ru: "Факт, чел.", en: "Trained learners", width: 12),
        ReportColumn("difference", ru: "Отклонение", en: "Difference", width: 12),
        ReportColumn("percent", ru: "Выполнение, %", en: "Done, %", width: 12),
    ]

    private struct Cell: Hashable, Comparable {
        var month: YearMonth
        var form: StudyForm
        var category: LearnerCategory

        static func < (lhs: Cell, rhs: Cell) -> Bool {
            let forms = StudyForm.allCases, categories = LearnerCategory.allCases
            return (lhs.month, forms.firstIndex(of: lhs.form)!, categories.firstIndex(of: lhs.category)!)
                < (rhs.month, forms.firstIndex(of: rhs.form)!, categories.firstIndex(of: rhs.category)!)
        }
    }

    /// The plan against what the ledger shows; months outside `from … to` are left out.
    public func build(
        snapshot: LedgerSnapshot, context: ReportContext, filter: ReportFilter = ReportFilter()
    ) -> ReportTable {
        let persons = snapshot.personByID
        var planned: [Cell: Int] = [:]
        for line in context.mapping.plan.lines where includes(line.month, filter) {
            if let category = filter.category, category != line.category { continue }
            planned[Cell(month: line.month, form: line.form, category: line.category), default: 0] += line.learners
        }
        var trained: [Cell: Set<PersonID>] = [:]
        // Person by person, so a large ledger's credits are never copied into one list.
        for id in snapshot.projection.persons {
            let person = persons[id]
            guard filter.includes(person, id: id) else { continue }
            for credit in snapshot.projection.standingCredits(of: id)
            where credit.occurredAt <= context.asOf && filter.includes(source: credit.source) {
                let day = context.day(credit.occurredAt)
                let month = YearMonth(year: day.year, month: day.month)
                guard includes(month, filter), filter.includes(day) else { continue }
                let category = person?.category ?? context.mapping.organisation.defaultCategory
                trained[Cell(month: month, form: credit.form, category: category), default: []].insert(id)
            }
        }
        let cells = Set(planned.keys).union(trained.keys).sorted()
        let rows: [[ReportCell]] = cells.map { cell in
            row(
                [
                    .text(cell.month.description), .label(LabelTexts.form(cell.form)),
                    .label(LabelTexts.category(cell.category)),
                ],
                planned: planned[cell] ?? 0, trained: trained[cell]?.count ?? 0)
        }
        var totals: [[ReportCell]] = []
        for form in StudyForm.allCases {
            let inForm = cells.filter { $0.form == form }
            guard !inForm.isEmpty else { continue }
            totals.append(
                row(
                    [.label(LocalizedText(ru: "Итого", en: "Total")), .label(LabelTexts.form(form)), .empty],
                    planned: inForm.reduce(0) { $0 + (planned[$1] ?? 0) },
                    trained: inForm.reduce(0) { $0 + (trained[$1]?.count ?? 0) }))
        }
        let totalPlanned = planned.values.reduce(0, +)
        let totalTrained = trained.values.reduce(0) { $0 + $1.count }
        totals.append(
            row(
                [.label(LocalizedText(ru: "Всего", en: "Grand total")), .empty, .empty], planned: totalPlanned,
                trained: totalTrained))
        return ReportTable(
            kind: .plan,
            title: LocalizedText(
                ru: "Выполнение плана обучения по месяцам, формам и категориям",
                en: "Training plan against actual by month, form and category"),
            sheetName: LocalizedText(ru: "План и факт", en: "Plan vs actual"), columns: Self.columns, rows: rows,
            totals: totals,
            summary: [
                .init("planned", ru: "План, чел.", en: "Planned learners", value: .integer(totalPlanned)),
                .init("trained", ru: "Факт, чел.", en: "Trained learners", value: .integer(totalTrained)),
                .init(
                    "note", ru: "Факт — число разных слушателей, получивших зачёт в месяце, форме и категории",
                    en: "Trained counts distinct learners credited in the month, form and category",
                    value: .empty),
            ])
    }

    private func row(_ head: [ReportCell], planned: Int, trained: Int) -> [ReportCell] {
        head + [
            .integer(planned), .integer(trained), .integer(trained - planned),
            planned > 0 ? .integer(trained * 100 / planned) : .empty,
        ]
    }

    private func includes(_ month: YearMonth, _ filter: ReportFilter) -> Bool {
        if let from = filter.from, month < YearMonth(year: from.year, month: from.month) { return false }
        if let to = filter.to, YearMonth(year: to.year, month: to.month) < month { return false }
        return true
    }
}
