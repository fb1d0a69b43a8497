import CreditCore
import Foundation

/// Builds the certificates report: every route that reached its target, with its registration number
/// once a certificate is issued, the program's volume (the course hours the certificate states) and
/// the hours the learner actually accumulated; a further sheet lists the issued certificates that
/// lack a value the federal registry requires.
public struct CertificatesBuilder: Sendable {
    public init() {}

    static let columns = [
        ReportColumn("registrationNumber", ru: "Регистрационный номер", en: "Registration number", width: 14),
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
    ]

    /// Completed routes, issued ones first in registration order, then those still awaiting a number.
    /// `details` (the registrar's persons file) supply a SNILS or middle name the ledger lacks.
    public func build(
        snapshot: LedgerSnapshot, context: ReportContext, filter: ReportFilter = ReportFilter(),
        details: PersonDetailsFile? = nil
    ) -> ReportTable {
        let certificates = snapshot.documents(.certificate, asOf: context.asOf)
        let persons = snapshot.personByID
        let completed = snapshot.routes(at: context).filter { stored in
            stored.status == .completed && filter.includes(persons[stored.route.person], id: stored.route.person)
                && filter.includes(
                    certificates[stored.route.id].map { context.day($0.request.issuedAt) }
                        ?? stored.completedAt.map(context.day))
        }
        let ordered = completed.sorted { lhs, rhs in
            let left = certificates[lhs.route.id].map { ($0.request.year, $0.number) } ?? (Int.max, 0)
            let right = certificates[rhs.route.id].map { ($0.request.year, $0.number) } ?? (Int.max, 0)
            return left != right ? left < right : lhs.route.id < rhs.route.id
        }
        let rows: [[ReportCell]] = ordered.map { stored in
            let person = persons[stored.route.person]
            let extra = person.flatMap { details?.details(for: $0) }
            let document = certificates[stored.route.id]
            return [
                document.map { .text($0.registrationNumber) }
                    ?? .label(LocalizedText(ru: "не выдано", en: "not issued")),
                .optionalDate(document.map { context.day($0.request.issuedAt) }),
                .text(person?.lastName ?? stored.route.person.rawValue), .optionalText(person?.firstName),
                .optionalText(person?.middleName ?? extra?.middleName),
                .optionalText((person?.snils ?? extra?.snils)?.formatted),
                .optionalText(person?.centre.map(context.name(of:))), .text(context.title(of: stored.route.program)),
                .text(stored.route.id.rawValue), .date(context.day(stored.route.start)),
                .optionalDate(stored.completedAt.map(context.day)),
                context.mapping.program(stored.route.program).map { .hours($0.targetHours) } ?? .empty,
                .hours(document?.request.hours ?? stored.hoursCredited),
            ]
        }
        let issued = ordered.filter { certificates[$0.route.id] != nil }.count
        return ReportTable(
            kind: .certificates,
            title: LocalizedText(ru: "Удостоверения о повышении квалификации", en: "Further-training certificates"),
            sheetName: LocalizedText(ru: "Удостоверения", en: "Certificates"), columns: Self.columns, rows: rows,
            summary: [
                .init("issued", ru: "Выдано", en: "Issued", value: .integer(issued)),
                .init("pending", ru: "Ожидают выдачи", en: "Awaiting issue", value: .integer(ordered.count - issued)),
            ],
            sheets: MissingDataSheet.sheets(
                FRDOBuilder().build(snapshot: snapshot, details: details, context: context, filter: filter).problems))
    }
}
