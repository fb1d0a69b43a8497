import CreditCore
import Foundation

/// Builds a learner's credit sheet (зачётный лист): every credited module with its title, form, hours,
/// date and source; the total; and the progress of the learner's latest route toward its target.
public struct CreditSheetBuilder: Sendable {
    public init() {}

    static let columns = [
        ReportColumn("date", ru: "Дата", en: "Date", width: 12),
        ReportColumn("module", ru: "Модуль", en: "Module", width: 14),
        ReportColumn("title", ru: "Наименование", en: "Title", width: 50),
        ReportColumn("form", ru: "Форма", en: "Form", width: 14),
        ReportColumn("hours", ru: "Часы", en: "Hours", width: 8),
        ReportColumn("source", ru: "Основание", en: "Source", width: 36),
        ReportColumn("counted", ru: "В зачёт ИОМ", en: "Counts toward route", width: 12),
    ]

    /// The credit sheet of `person`.
    ///
    /// - Throws: ``ReportError/unknownPerson(_:)`` when the ledger does not know the learner.
    public func build(
        person id: PersonID, snapshot: LedgerSnapshot, context: ReportContext, filter: ReportFilter = ReportFilter()
    ) throws -> ReportTable {
        guard let person = snapshot.personByID[id] else { throw ReportError.unknownPerson(id) }
        let credits = snapshot.projection.standingCredits(of: id)
            .filter {
                $0.occurredAt <= context.asOf && filter.includes(source: $0.source)
                    && filter.includes(context.day($0.occurredAt))
            }
            .sorted { ($0.occurredAt, $0.module, $0.entry) < ($1.occurredAt, $1.module, $1.entry) }
        let routes = snapshot.routes(at: context)
        let route = routes.filter { $0.route.person == id }.max { $0.route.start < $1.route.start }
        let progress = route.flatMap { stored in
            context.mapping.program(stored.route.program).map {
                snapshot.projection.progress(of: stored.route, program: $0, asOf: context.asOf)
            }
        }
        let countedEntries = Set(progress?.counted.map(\.entry) ?? [])

        var seenModules: Set<ModuleID> = []
        var total = CreditHours.zero
        let rows: [[ReportCell]] = credits.map { credit in
            if seenModules.insert(credit.module).inserted { total = total + credit.hours }
            let counted = countedEntries.contains(credit.entry)
            return [
                .date(context.day(credit.occurredAt)), .text(credit.module.rawValue),
                .text(context.title(of: credit.module)), .label(LabelTexts.form(credit.form)), .hours(credit.hours),
                .label(LabelTexts.source(credit.source)),
                .label(counted ? LocalizedText(ru: "да", en: "yes") : LocalizedText(ru: "нет", en: "no")),
            ]
        }

        let totals: [[ReportCell]] = [
            [
                .label(LocalizedText(ru: "Итого", en: "Total")), .empty,
                .label(LocalizedText(ru: "каждый модуль один раз", en: "each module once")), .empty, .hours(total),
                .empty, .empty,
            ]
        ]
        var summary: [ReportTable.SummaryLine] = [
            .init("person", ru: "Слушатель", en: "Learner", value: .text(person.fullName)),
            .init("snils", ru: "СНИЛС", en: "SNILS", value: .optionalText(person.snils?.formatted)),
            .init("centre", ru: "ММЦ", en: "Centre", value: .optionalText(person.centre.map(context.name(of:)))),
            .init("category", ru: "Категория", en: "Category", value: .label(LabelTexts.category(person.category))),
            .init(
                "totalHours", ru: "Всего часов (каждый модуль один раз)", en: "Total hours (each module once)",
                value: .hours(total)),
        ]
        if let route {
            let target = context.mapping.program(route.route.program)?.targetHours
            summary += [
                .init("route", ru: "ИОМ", en: "Route", value: .text(route.route.id.rawValue)),
                .init("program", ru: "Программа", en: "Program", value: .text(context.title(of: route.route.program))),
                .init("start", ru: "Начало", en: "Start", value: .date(context.day(route.route.start))),
                // The deadline is the first instant outside the route, so the last day is the one before.
                .init(
                    "deadline", ru: "Срок (последний день)", en: "Deadline (last day)",
                    value: .date(context.day(route.route.deadline.addingTimeInterval(-1)))),
                .init("target", ru: "Цель, часов", en: "Target hours", value: target.map(ReportCell.hours) ?? .empty),
                .init(
                    "credited", ru: "Зачтено в ИОМ, часов", en: "Credited toward route, hours",
                    value: .hours(progress?.hoursCredited ?? route.hoursCredited)),
                .init(
                    "remaining", ru: "Осталось, часов", en: "Remaining hours",
                    value: progress.map { .hours($0.remaining) } ?? .empty),
                .init(
                    "status", ru: "Состояние", en: "Status",
                    value: .label(LabelTexts.status(progress?.status ?? route.status))),
            ]
        }
        return ReportTable(
            kind: .creditSheet,
            title: LocalizedText(ru: "Зачётный лист: \(person.fullName)", en: "Credit sheet: \(person.fullName)"),
            sheetName: LocalizedText(ru: "Зачётный лист", en: "Credit sheet"), columns: Self.columns, rows: rows,
            totals: credits.isEmpty ? [] : totals, summary: summary)
    }
}
