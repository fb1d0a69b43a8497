import CreditCore
import Foundation

/// Builds the statements report (справки): for every expired route, the modules passed and their
/// hours, one row per module; a further sheet «По слушателям» gives each route's modules and hours.
public struct StatementsBuilder: Sendable {
    public init() {}

    static let columns = [
        ReportColumn("registrationNumber", ru: "Регистрационный номер", en: "Registration number", width: 14),
        ReportColumn("person", ru: "Слушатель", en: "Learner", width: 32),
        ReportColumn("snils", ru: "СНИЛС", en: "SNILS", width: 15),
        ReportColumn("program", ru: "Программа", en: "Program", width: 40),
        ReportColumn("route", ru: "ИОМ", en: "Route", width: 14),
        ReportColumn("deadline", ru: "Срок ИОМ", en: "Route deadline", width: 12),
        ReportColumn("module", ru: "Модуль", en: "Module", width: 14),
        ReportColumn("title", ru: "Наименование", en: "Title", width: 50),
        ReportColumn("form", ru: "Форма", en: "Form", width: 14),
        ReportColumn("date", ru: "Дата", en: "Date", width: 12),
        ReportColumn("hours", ru: "Часы", en: "Hours", width: 8),
    ]

    /// Routes expired at `context.asOf` with what the learner passed inside the window.
    public func build(
        snapshot: LedgerSnapshot, context: ReportContext, filter: ReportFilter = ReportFilter()
    ) -> ReportTable {
        let statements = snapshot.documents(.statement, asOf: context.asOf)
        let persons = snapshot.personByID
        let expired = snapshot.routes(at: context)
            .filter { stored in
                stored.status == .expired && filter.includes(persons[stored.route.person], id: stored.route.person)
                    && filter.includes(
                        statements[stored.route.id].map { context.day($0.request.issuedAt) }
                            ?? context.lastDay(of: stored.route))
            }
            .sorted { ($0.route.deadline, $0.route.id) < ($1.route.deadline, $1.route.id) }
        var rows: [[ReportCell]] = []
        var perRoute: [[ReportCell]] = []
        var allHours = CreditHours.zero
        for stored in expired {
            let route = stored.route
            let person = persons[route.person]
            let head: [ReportCell] = [
                statements[route.id].map { .text($0.registrationNumber) }
                    ?? .label(LocalizedText(ru: "не выдана", en: "not issued")),
                .text(person?.fullName ?? route.person.rawValue), .optionalText(person?.snils?.formatted),
                .text(context.title(of: route.program)), .text(route.id.rawValue),
                .date(context.day(route.deadline.addingTimeInterval(-1))),
            ]
            let modules = passedModules(stored, snapshot: snapshot, context: context)
            var total = CreditHours.zero
            for credit in modules {
                total = total + credit.hours
                rows.append(
                    head + [
                        .text(credit.module.rawValue), .text(context.title(of: credit.module)),
                        .label(LabelTexts.form(credit.form)), .date(context.day(credit.occurredAt)),
                        .hours(credit.hours),
                    ])
            }
            if modules.isEmpty { total = stored.hoursCredited }
            allHours = allHours + total
            perRoute.append(head + [.integer(modules.count), .hours(total)])
        }
        return ReportTable(
            kind: .statements,
            title: LocalizedText(
                ru: "Справки об освоении модулей (ИОМ не завершены в срок)",
                en: "Statements of modules passed (routes expired)"),
            sheetName: LocalizedText(ru: "Справки", en: "Statements"), columns: Self.columns, rows: rows,
            summary: [
                .init("routes", ru: "ИОМ с истёкшим сроком", en: "Expired routes", value: .integer(expired.count)),
                .init("hours", ru: "Всего часов", en: "Total hours", value: .hours(allHours)),
            ],
            sheets: [
                ReportSheet(
                    key: "learners", name: LocalizedText(ru: "По слушателям", en: "By learner"),
                    columns: Array(Self.columns.prefix(6)) + [
                        ReportColumn("modules", ru: "Модулей", en: "Modules", width: 10),
                        ReportColumn("hours", ru: "Часов", en: "Hours", width: 8),
                    ], rows: perRoute)
            ])
    }

    private func passedModules(
        _ stored: StoredRoute, snapshot: LedgerSnapshot, context: ReportContext
    ) -> [CountedCredit] {
        guard let program = context.mapping.program(stored.route.program) else { return [] }
        // Judged at the deadline: what the learner had passed when the route ran out.
        let progress = snapshot.projection.progress(of: stored.route, program: program, asOf: stored.route.deadline)
        return progress.statement?.modules ?? progress.counted
    }
}
