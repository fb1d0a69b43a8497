import CreditCore

/// The «Не хватает данных» sheet: each issued certificate that lacks a value the federal registry
/// requires, with the value and where to add it.
enum MissingDataSheet {
    static let key = "missing-data"

    static let columns = [
        ReportColumn("registrationNumber", ru: "Регистрационный номер", en: "Registration number", width: 14),
        ReportColumn("learner", ru: "Слушатель", en: "Learner", width: 32),
        ReportColumn("person", ru: "Код слушателя", en: "Learner id", width: 14),
        ReportColumn("missing", ru: "Не хватает", en: "Missing", width: 40),
        ReportColumn("action", ru: "Что сделать", en: "What to do", width: 48),
    ]

    /// The sheet, or none when nothing is missing.
    static func sheets(_ problems: [FRDOBuilder.Problem]) -> [ReportSheet] {
        problems.isEmpty ? [] : [make(problems)]
    }

    static func make(_ problems: [FRDOBuilder.Problem]) -> ReportSheet {
        ReportSheet(
            key: key, name: LocalizedText(ru: "Не хватает данных", en: "Missing data"), columns: columns,
            rows: problems.map {
                [
                    .text($0.registrationNumber), .text($0.name), .text($0.person.rawValue), .text($0.column),
                    .label(
                        LocalizedText(
                            ru: "Внесите в файл сведений о слушателях (persons import)",
                            en: "Add it to the persons file (persons import)")),
                ]
            })
    }
}

extension ReportTable {
    /// The certificates that lack a value the federal registry requires, one line each, as a command
    /// prints them on standard error.
    public var missingDataLines: [String] {
        guard let sheet = sheets.first(where: { $0.key == MissingDataSheet.key }) else { return [] }
        return sheet.rows.map { row in
            let text = row.prefix(4).map { $0.plainText(.en) }
            return "\(text[0]) \(text[1]) (\(text[2])): «\(text[3])» is missing; add it to the persons file"
        }
    }
}
