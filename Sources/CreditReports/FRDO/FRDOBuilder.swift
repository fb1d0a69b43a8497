import CreditCore
import Foundation

/// Builds the federal-registry export: one row per issued certificate in the template's 40 columns.
///
/// A certificate that lacks a value the registry requires (a birth date, a prior diploma…) is left
/// out and reported with the missing column, never exported half-empty.
public struct FRDOBuilder: Sendable {
    /// The institute's choices that hold for every row.
    public struct Settings: Hashable, Sendable {
        /// Серия документа; the registry's «нет» when the forms have none.
        public var series: String
        public var professionalField: String
        /// The default source of funding when the persons file leaves it empty.
        public var funding: String

        public init(
            series: String = "нет", professionalField: String = "Образование и педагогические науки",
            funding: String = "Бюджетное обучение"
        ) {
            self.series = series
            self.professionalField = professionalField
            self.funding = funding
        }
    }

    /// A certificate left out of the export and the value it lacks.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var person: PersonID
        public var name: String
        public var registrationNumber: String
        /// The template column's header.
        public var column: String

        public var description: String {
            "\(registrationNumber) \(name) (\(person)): «\(column)» is missing; add it to the persons file"
        }
    }

    /// The exported rows and the certificates left out.
    public struct Export: Sendable {
        public var table: ReportTable
        public var problems: [Problem]
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) { self.settings = settings }

    private static let required = [
        "programTitle", "educationLevel", "diplomaLastName", "diplomaNumber", "lastName", "firstName", "birthDate",
        "sex", "snils",
    ]

    /// Issued, uncancelled certificates in registration order; `details` are the registrar's persons file.
    public func build(
        snapshot: LedgerSnapshot, details: PersonDetailsFile?, context: ReportContext,
        filter: ReportFilter = ReportFilter()
    ) -> Export {
        let persons = snapshot.personByID
        let routes = snapshot.routeByID
        let certificates = snapshot.documents(.certificate, asOf: context.asOf).values
            .filter {
                filter.includes(persons[$0.request.person], id: $0.request.person)
                    && filter.includes(context.day($0.request.issuedAt))
            }
            .sorted { ($0.request.year, $0.number) < ($1.request.year, $1.number) }
        var rows: [[ReportCell]] = []
        var problems: [Problem] = []
        for document in certificates {
            let person = persons[document.request.person]
            let extra = person.flatMap { details?.details(for: $0) }
            let row = self.row(
                document, person: person, extra: extra, route: routes[document.request.route],
                snapshot: snapshot, context: context)
            let missing = Self.required.filter { row[FRDOTemplate.index($0)] == .empty }
            if missing.isEmpty {
                rows.append(row)
            } else {
                problems += missing.map {
                    Problem(
                        person: document.request.person, name: person?.fullName ?? document.request.person.rawValue,
                        registrationNumber: document.registrationNumber, column: FRDOTemplate.header($0))
                }
            }
        }
        let table = ReportTable(
            kind: .frdo,
            title: LocalizedText(
                ru: "ФИС ФРДО: документы о повышении квалификации",
                en: "FIS FRDO: further-training documents"),
            sheetName: LocalizedText(FRDOTemplate.sheetName), columns: FRDOTemplate.columns, rows: rows,
            sheets: MissingDataSheet.sheets(problems), datesAsText: true)
        return Export(table: table, problems: problems)
    }

    private func row(
        _ document: IssuedDocument, person: Person?, extra: PersonDetails?, route: StoredRoute?,
        snapshot: LedgerSnapshot, context: ReportContext
    ) -> [ReportCell] {
        func text(_ value: String?) -> ReportCell {
            guard let value, !value.isEmpty else { return .empty }
            return .text(value)
        }
        // What the certificate certifies is read as issued; a certificate issued before documents
        // stored it falls back on the route.
        let content = document.request.content
        let program = content?.programTitle ?? route.map { context.title(of: $0.route.program) }
        let startYear = route.map { String(context.day($0.route.start).year) }
        let endYear = (content?.completedAt ?? route?.completedAt).map { String(context.day($0).year) }
        let volume = content.map { String($0.programHours.value) } ?? programHours(route, context: context)
        let form =
            content.map { Self.studyForm(Set($0.modules.map(\.form))) }
            ?? route.map { studyForm(of: $0, snapshot: snapshot, context: context) }
        let snils = person?.snils ?? extra?.snils
        var cells: [ReportCell] = [
            .text("Удостоверение о повышении квалификации"), .text("Оригинал"), .text("Нет"), .text("Нет"),
            .text("Нет"),
            .text(settings.series), .text(document.registrationNumber), .date(context.day(document.request.issuedAt)),
            .text(document.registrationNumber), .text("Повышение квалификации"), text(program),
            .text(settings.professionalField), .empty, .empty, text(extra?.educationLevel),
            text(extra?.diplomaLastName), text(extra?.diplomaSeries), text(extra?.diplomaNumber), text(startYear),
            text(endYear), text(volume), text(person?.lastName),
            text(person?.firstName), text(person?.middleName ?? extra?.middleName), .optionalDate(extra?.birthDate),
            text(extra?.sex), text(snils?.formatted),
            text(form),
            .text(extra?.funding ?? settings.funding), .empty, .text(extra?.citizenship ?? "643"),
        ]
        cells += Array(repeating: ReportCell.empty, count: FRDOTemplate.columns.count - cells.count)
        return cells
    }

    /// The program's volume: the course hours a certificate states (72), whatever the learner
    /// accumulated beyond it.
    private func programHours(_ route: StoredRoute?, context: ReportContext) -> String? {
        route.flatMap { context.mapping.program($0.route.program) }.map { String($0.targetHours.value) }
    }

    /// The form of study of a route judged now (certificates issued before documents stored their
    /// modules): «Заочная» when every counted module was distance, «Очная» when none was, else «Очно-заочная».
    private func studyForm(of stored: StoredRoute, snapshot: LedgerSnapshot, context: ReportContext) -> String {
        var forms = Set<StudyForm>()
        if let program = context.mapping.program(stored.route.program) {
            let progress = snapshot.projection.progress(of: stored.route, program: program, asOf: context.asOf)
            forms = Set(progress.counted.map(\.form))
        }
        return Self.studyForm(forms)
    }

    /// The form of study of a certificate whose modules were taken in `forms`.
    static func studyForm(_ forms: Set<StudyForm>) -> String {
        if forms == [.distance] { return "Заочная" }
        if !forms.isEmpty, !forms.contains(.distance) { return "Очная" }
        return "Очно-заочная"
    }
}
