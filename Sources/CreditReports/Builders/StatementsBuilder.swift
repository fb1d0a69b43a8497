import CreditCore
import Foundation

/// Builds the statements report (справки): every statement issued, as it was issued — one row per
/// module it certifies, with its status (issued, or cancelled with the day and the reason) — then
/// every expired route still awaiting one, with the modules passed inside its window; a further
/// sheet «По слушателям» gives each document's or route's modules and hours.
///
/// An issued statement is read from the ledger, never recomputed. One issued before documents
/// stored their modules has no module rows: the sheet by learner shows its stored hours.
public struct StatementsBuilder: Sendable {
    public init() {}

    static let headColumns =
        [ReportColumn("registrationNumber", ru: "Регистрационный номер", en: "Registration number", width: 14)]
        + DocumentStatusColumns.columns + [
            ReportColumn("person", ru: "Слушатель", en: "Learner", width: 32),
            ReportColumn("snils", ru: "СНИЛС", en: "SNILS", width: 15),
            ReportColumn("program", ru: "Программа", en: "Program", width: 40),
            ReportColumn("route", ru: "ИОМ", en: "Route", width: 14),
            ReportColumn("deadline", ru: "Срок ИОМ", en: "Route deadline", width: 12),
        ]

    static let columns =
        headColumns + [
            ReportColumn("module", ru: "Модуль", en: "Module", width: 14),
            ReportColumn("title", ru: "Наименование", en: "Title", width: 50),
            ReportColumn("form", ru: "Форма", en: "Form", width: 14),
            ReportColumn("date", ru: "Дата", en: "Date", width: 12),
            ReportColumn("hours", ru: "Часы", en: "Hours", width: 8),
        ]

    static let issuedLabel = LocalizedText(ru: "выдана", en: "issued")
    static let notIssuedLabel = LocalizedText(ru: "не выдана", en: "not issued")

    /// Issued statements in registration order, then routes expired at `context.asOf` awaiting one.
    public func build(
        snapshot: LedgerSnapshot, context: ReportContext, filter: ReportFilter = ReportFilter()
    ) -> ReportTable {
        let persons = snapshot.personByID
        let routes = snapshot.routeByID
        let valid = snapshot.documents(.statement, asOf: context.asOf)
        let issued = snapshot.issued(.statement, asOf: context.asOf).filter {
            filter.includes(persons[$0.request.person], id: $0.request.person)
                && filter.includes(context.day($0.request.issuedAt))
        }
        let pending = snapshot.routes(at: context)
            .filter { stored in
                stored.status == .expired && valid[stored.route.id] == nil
                    && filter.includes(persons[stored.route.person], id: stored.route.person)
                    && filter.includes(context.lastDay(of: stored.route))
            }
            .sorted { ($0.route.deadline, $0.route.id) < ($1.route.deadline, $1.route.id) }

        var rows: [[ReportCell]] = []
        var perRoute: [[ReportCell]] = []
        var allHours = CreditHours.zero
        var cancelled = 0
        func add(head: [ReportCell], modules: [DocumentModule], hours: CreditHours) {
            for module in modules {
                rows.append(
                    head + [
                        .text(module.module.rawValue), .text(module.title), .label(LabelTexts.form(module.form)),
                        .date(context.day(module.occurredAt)), .hours(module.hours),
                    ])
            }
            allHours = allHours + hours
            perRoute.append(head + [.integer(modules.count), .hours(hours)])
        }
        func learner(_ id: PersonID) -> [ReportCell] {
            let person = persons[id]
            return [.text(person?.fullName ?? id.rawValue), .optionalText(person?.snils?.formatted)]
        }
        for document in issued {
            let request = document.request
            let route = routes[request.route]
            let cancellation = snapshot.cancellation(of: document.registrationNumber, asOf: context.asOf)
            if cancellation != nil { cancelled += 1 }
            let program = request.content?.programTitle ?? route.map { context.title(of: $0.route.program) }
            let head: [ReportCell] =
                [.text(document.registrationNumber)]
                + DocumentStatusColumns.cells(cancellation: cancellation, issued: Self.issuedLabel, context: context)
                + learner(request.person) + [
                    .optionalText(program), .text(request.route.rawValue),
                    .optionalDate(route.map { context.lastDay(of: $0.route) }),
                ]
            // Only a valid statement's hours count toward the total.
            add(
                head: head, modules: request.content?.modules ?? [],
                hours: cancellation == nil ? request.hours : .zero)
        }
        for stored in pending {
            let route = stored.route
            let head: [ReportCell] =
                [.label(Self.notIssuedLabel)] + DocumentStatusColumns.notIssued(Self.notIssuedLabel)
                + learner(route.person) + [
                    .text(context.title(of: route.program)), .text(route.id.rawValue),
                    .date(context.lastDay(of: route)),
                ]
            let content = DocumentPlanner().content(of: stored, kind: .statement, snapshot: snapshot, context: context)
            let modules = content?.modules ?? []
            add(
                head: head, modules: modules,
                hours: modules.isEmpty ? stored.hoursCredited : modules.reduce(.zero) { $0 + $1.hours })
        }
        return ReportTable(
            kind: .statements,
            title: LocalizedText(
                ru: "Справки об освоении модулей (ИОМ не завершены в срок)",
                en: "Statements of modules passed (routes expired)"),
            sheetName: LocalizedText(ru: "Справки", en: "Statements"), columns: Self.columns, rows: rows,
            summary: [
                .init(
                    "routes", ru: "ИОМ с истёкшим сроком", en: "Expired routes",
                    value: .integer(issued.count - cancelled + pending.count)),
                .init("cancelled", ru: "Аннулировано справок", en: "Statements cancelled", value: .integer(cancelled)),
                .init("hours", ru: "Всего часов", en: "Total hours", value: .hours(allHours)),
            ],
            sheets: [
                ReportSheet(
                    key: "learners", name: LocalizedText(ru: "По слушателям", en: "By learner"),
                    columns: Self.headColumns + [
                        ReportColumn("modules", ru: "Модулей", en: "Modules", width: 10),
                        ReportColumn("hours", ru: "Часов", en: "Hours", width: 8),
                    ], rows: perRoute)
            ])
    }
}
