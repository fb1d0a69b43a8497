import CreditCore
import Foundation

/// Builds the certificates report: every certificate issued, as it was issued — its program, the
/// program's volume (the course hours the certificate states), the hours the learner had accumulated,
/// its verification code, and its status (issued, or cancelled with the day and the reason) — then
/// every completed route still awaiting one; a further sheet lists the issued certificates that lack
/// a value the federal registry requires.
///
/// An issued certificate is read from the ledger, never recomputed: it stays listed after a credit
/// behind it is reversed (the reconciliation report names it). A certificate issued before documents
/// stored their content shows its stored hours, and its program as the route names it today.
public struct CertificatesBuilder: Sendable {
    public init() {}

    static let columns =
        [ReportColumn("registrationNumber", ru: "Регистрационный номер", en: "Registration number", width: 14)]
        + DocumentStatusColumns.columns + [
            ReportColumn("issuedOn", ru: "Дата выдачи", en: "Issued on", width: 12),
            ReportColumn("lastName", ru: "Фамилия", en: "Last name", width: 16),
            ReportColumn("firstName", ru: "Имя", en: "First name", width: 14),
            ReportColumn("middleName", ru: "Отчество", en: "Middle name", width: 16),
            ReportColumn("snils", ru: "СНИЛС", en: "SNILS", width: 15),
            ReportColumn("centre", ru: "ММЦ", en: "Centre", width: 30),
            ReportColumn("program", ru: "Программа", en: "Program", width: 50),
            ReportColumn("route", ru: "ИОМ", en: "Route", width: 14),
            ReportColumn("start", ru: "Начало", en: "Start", width: 12),
            ReportColumn("completedOn", ru: "Дата завершения", en: "Completed on", width: 12),
            ReportColumn("programHours", ru: "Срок обучения, часов", en: "Program hours", width: 10),
            ReportColumn("hours", ru: "Накоплено часов", en: "Hours accumulated", width: 10),
            ReportColumn("verificationCode", ru: "Код проверки", en: "Verification code", width: 13),
        ]

    static let issuedLabel = LocalizedText(ru: "выдано", en: "issued")
    static let notIssuedLabel = LocalizedText(ru: "не выдано", en: "not issued")

    /// Issued certificates in registration order, then completed routes awaiting a number.
    /// `details` (the registrar's persons file) supply a SNILS or middle name the ledger lacks.
    public func build(
        snapshot: LedgerSnapshot, context: ReportContext, filter: ReportFilter = ReportFilter(),
        details: PersonDetailsFile? = nil
    ) -> ReportTable {
        let persons = snapshot.personByID
        let routes = snapshot.routeByID
        let valid = snapshot.documents(.certificate, asOf: context.asOf)
        let issued = snapshot.issued(.certificate, asOf: context.asOf).filter {
            filter.includes(persons[$0.request.person], id: $0.request.person)
                && filter.includes(context.day($0.request.issuedAt))
        }
        let pending = snapshot.routes(at: context)
            .filter { stored in
                stored.status == .completed && valid[stored.route.id] == nil
                    && filter.includes(persons[stored.route.person], id: stored.route.person)
                    && filter.includes(stored.completedAt.map(context.day))
            }
            .sorted { $0.route.id < $1.route.id }

        func personCells(_ id: PersonID) -> [ReportCell] {
            let person = persons[id]
            let extra = person.flatMap { details?.details(for: $0) }
            return [
                .text(person?.lastName ?? id.rawValue), .optionalText(person?.firstName),
                .optionalText(person?.middleName ?? extra?.middleName),
                .optionalText((person?.snils ?? extra?.snils)?.formatted),
                .optionalText(person?.centre.map(context.name(of:))),
            ]
        }
        var rows: [[ReportCell]] = []
        var cancelled = 0
        for document in issued {
            let request = document.request
            let route = routes[request.route]
            let content = request.content
            let cancellation = snapshot.cancellation(of: document.registrationNumber, asOf: context.asOf)
            if cancellation != nil { cancelled += 1 }
            let program = content?.programTitle ?? route.map { context.title(of: $0.route.program) }
            let programHours =
                content?.programHours ?? route.flatMap { context.mapping.program($0.route.program)?.targetHours }
            rows.append(
                [.text(document.registrationNumber)]
                    + DocumentStatusColumns.cells(
                        cancellation: cancellation, issued: Self.issuedLabel, context: context)
                    + [.date(context.day(request.issuedAt))] + personCells(request.person) + [
                        .optionalText(program), .text(request.route.rawValue),
                        .optionalDate(route.map { context.day($0.route.start) }),
                        .optionalDate((content?.completedAt ?? route?.completedAt).map(context.day)),
                        programHours.map(ReportCell.hours) ?? .empty, .hours(request.hours),
                        .optionalText(request.verificationCode),
                    ])
        }
        for stored in pending {
            rows.append(
                [.label(Self.notIssuedLabel)] + DocumentStatusColumns.notIssued(Self.notIssuedLabel) + [.empty]
                    + personCells(stored.route.person) + [
                        .text(context.title(of: stored.route.program)), .text(stored.route.id.rawValue),
                        .date(context.day(stored.route.start)), .optionalDate(stored.completedAt.map(context.day)),
                        context.mapping.program(stored.route.program).map { .hours($0.targetHours) } ?? .empty,
                        .hours(stored.hoursCredited), .empty,
                    ])
        }
        return ReportTable(
            kind: .certificates,
            title: LocalizedText(ru: "Удостоверения о повышении квалификации", en: "Further-training certificates"),
            sheetName: LocalizedText(ru: "Удостоверения", en: "Certificates"), columns: Self.columns, rows: rows,
            summary: [
                .init("issued", ru: "Выдано", en: "Issued", value: .integer(issued.count - cancelled)),
                .init("cancelled", ru: "Аннулировано", en: "Cancelled", value: .integer(cancelled)),
                .init("pending", ru: "Ожидают выдачи", en: "Awaiting issue", value: .integer(pending.count)),
            ],
            sheets: MissingDataSheet.sheets(
                FRDOBuilder().build(snapshot: snapshot, details: details, context: context, filter: filter).problems))
    }
}
