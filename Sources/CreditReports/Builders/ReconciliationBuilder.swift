import CreditCore

/// Builds the reconciliation report from the differences the sync found, each with what to do.
public struct ReconciliationBuilder: Sendable {
    public init() {}

    static let columns = [
        ReportColumn("kind", ru: "Расхождение", en: "Difference", width: 28),
        ReportColumn("site", ru: "Сайт", en: "Site", width: 10),
        ReportColumn("course", ru: "Курс", en: "Course", width: 36),
        ReportColumn("user", ru: "Пользователь Moodle", en: "Moodle user", width: 28),
        ReportColumn("person", ru: "Слушатель", en: "Learner", width: 32),
        ReportColumn("module", ru: "Модуль", en: "Module", width: 14),
        ReportColumn("hours", ru: "Часы", en: "Hours", width: 8),
        ReportColumn("detail", ru: "Подробности", en: "Detail", width: 40),
        ReportColumn("action", ru: "Что сделать", en: "What to do", width: 70),
    ]

    /// The items in the order given, with a count per kind; `persons` gives learners' names.
    public func build(items: [ReconciliationItem], persons: [Person] = []) -> ReportTable {
        let names = Dictionary(persons.map { ($0.id, $0.fullName) }, uniquingKeysWith: { first, _ in first })
        let rows: [[ReportCell]] = items.map { item in
            let course = [item.courseID.map { "#\($0)" }, item.courseName].compactMap { $0 }.joined(separator: " ")
            let user = [item.userID.map { "#\($0)" }, item.userName].compactMap { $0 }.joined(separator: " ")
            let person = item.person.map { id in names[id].map { "\($0) (\(id))" } ?? id.rawValue }
            return [
                .label(item.kind.label), .optionalText(item.site?.rawValue), course.isEmpty ? .empty : .text(course),
                user.isEmpty ? .empty : .text(user), .optionalText(person), .optionalText(item.module?.rawValue),
                item.hours.map(ReportCell.hours) ?? .empty, item.detail.isEmpty ? .empty : .label(item.detail),
                .label(item.kind.action),
            ]
        }
        let summary = FindingKind.allCases.compactMap { kind -> ReportTable.SummaryLine? in
            let count = items.filter { $0.kind == kind }.count
            guard count > 0 else { return nil }
            return ReportTable.SummaryLine(kind.rawValue, ru: kind.label.ru, en: kind.label.en, value: .integer(count))
        }
        return ReportTable(
            kind: .reconciliation,
            title: LocalizedText(
                ru: "Сверка Moodle и реестра зачётов", en: "Reconciliation of Moodle and the credit ledger"),
            sheetName: LocalizedText(ru: "Сверка", en: "Reconciliation"), columns: Self.columns, rows: rows,
            summary: summary.isEmpty
                ? [.init("none", ru: "Расхождений нет", en: "No differences", value: .empty)] : summary)
    }
}
