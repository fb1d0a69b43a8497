import CreditCore

/// The registrar's persons CSV: one learner a row, matched to the ledger by `person_id` or `snils`.
///
/// Columns (header names, any order; `,` or `;`): `person_id`, `snils`, `middle_name`, `birth_date`, `sex`,
/// `education_level`, `diploma_last_name`, `diploma_series`, `diploma_number`, `citizenship`, `funding`.
public struct PersonDetailsFile: Sendable {
    /// A row the file could not use, with its line.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static let columns = [
        "person_id", "snils", "middle_name", "birth_date", "sex", "education_level", "diploma_last_name",
        "diploma_series",
        "diploma_number", "citizenship", "funding",
    ]

    public private(set) var details: [PersonDetails] = []
    public private(set) var problems: [Problem] = []

    /// Reads the file's bytes (UTF-8, with or without BOM, or Windows-1251).
    public init(bytes: [UInt8]) {
        let table = CSVTable(parsing: TextDecoding.decode(bytes).text)
        let index = Dictionary(
            table.header.enumerated().map { ($0.element.lowercased(), $0.offset) },
            uniquingKeysWith: { first, _ in first })
        guard index["person_id"] != nil || index["snils"] != nil else {
            problems.append(Problem(line: 1, message: "the header names neither person_id nor snils"))
            return
        }
        for (line, cells) in table.rows {
            func value(_ column: String) -> String? {
                guard let at = index[column], at < cells.count else { return nil }
                let trimmed = cells[at].trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            }
            var row = PersonDetails(
                person: value("person_id").map(PersonID.init), middleName: value("middle_name"),
                educationLevel: value("education_level"),
                diplomaLastName: value("diploma_last_name"), diplomaSeries: value("diploma_series"),
                diplomaNumber: value("diploma_number"), citizenship: value("citizenship"), funding: value("funding"))
            if let text = value("snils") {
                do { row.snils = try SNILS(parsing: text) } catch {
                    problems.append(Problem(line: line, message: "snils '\(text)': \(error)"))
                }
            }
            if let text = value("birth_date") {
                row.birthDate = ReportDay(parsing: text)
                if row.birthDate == nil {
                    problems.append(Problem(line: line, message: "birth_date '\(text)' is not dd.mm.yyyy"))
                }
            }
            if let text = value("sex") {
                row.sex = Self.sex(text)
                if row.sex == nil {
                    problems.append(Problem(line: line, message: "sex '\(text)' is neither Муж nor Жен"))
                }
            }
            if row.person == nil, row.snils == nil {
                problems.append(Problem(line: line, message: "the row has neither person_id nor a valid snils"))
                continue
            }
            details.append(row)
        }
    }

    /// The details of a learner, by id first, then by SNILS.
    public func details(for person: Person) -> PersonDetails? {
        details.first { $0.person == person.id }
            ?? person.snils.flatMap { snils in details.first { $0.snils == snils } }
    }

    private static func sex(_ text: String) -> String? {
        switch text.lowercased() {
        case "муж", "м", "мужской", "male", "m": "Муж"
        case "жен", "ж", "женский", "female", "f": "Жен"
        default: nil
        }
    }
}
