import CreditCore
import Foundation

/// The registrar's persons CSV: one learner a row, matched to the ledger by `person_id` or `snils`.
///
/// Columns (header names in English or Russian, any order; `,` or `;`): `person_id`, `snils`/СНИЛС,
/// `last_name`/Фамилия, `first_name`/Имя, `middle_name`/Отчество, `birth_date`/Дата рождения,
/// `sex`/Пол, `education_level`/Уровень образования, `diploma_last_name`/Фамилия в дипломе,
/// `diploma_series`/Серия диплома, `diploma_number`/Номер диплома, `citizenship`/Гражданство,
/// `funding`/Источник финансирования.
public struct PersonDetailsFile: Sendable {
    /// A row the file could not use, with its line.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static let columns = [
        "person_id", "snils", "last_name", "first_name", "middle_name", "birth_date", "sex", "education_level",
        "diploma_last_name", "diploma_series", "diploma_number", "citizenship", "funding",
    ]

    /// Header names accepted for each column, lowercased.
    static let aliases: [String: [String]] = [
        "person_id": ["person_id", "id", "идентификатор"],
        "snils": ["snils", "снилс"],
        "last_name": ["last_name", "фамилия"],
        "first_name": ["first_name", "имя"],
        "middle_name": ["middle_name", "отчество"],
        "birth_date": ["birth_date", "дата рождения", "дата_рождения"],
        "sex": ["sex", "пол"],
        "education_level": ["education_level", "уровень образования"],
        "diploma_last_name": ["diploma_last_name", "фамилия в дипломе", "фамилия указанная в дипломе"],
        "diploma_series": ["diploma_series", "серия диплома"],
        "diploma_number": ["diploma_number", "номер диплома"],
        "citizenship": ["citizenship", "гражданство"],
        "funding": ["funding", "источник финансирования"],
    ]

    public private(set) var details: [PersonDetails] = []
    public private(set) var problems: [Problem] = []
    /// The file line of each of `details`.
    public private(set) var lines: [Int] = []
    private var byPerson: [PersonID: Int] = [:]
    private var bySNILS: [SNILS: Int] = [:]

    /// The registry's own details of every person, in the shape the federal registry export reads.
    public init(registry persons: [Person]) {
        for (line, person) in persons.enumerated() {
            let registry = person.registry
            add(
                PersonDetails(
                    person: person.id, snils: person.snils, middleName: person.middleName,
                    birthDate: registry.birthDate.flatMap(ReportDay.init(parsing:)), sex: registry.sex,
                    educationLevel: registry.educationLevel, diplomaLastName: registry.diplomaLastName,
                    diplomaSeries: registry.diplomaSeries, diplomaNumber: registry.diplomaNumber,
                    citizenship: registry.citizenship, funding: registry.funding), line: line + 1)
        }
    }

    private mutating func add(_ row: PersonDetails, line: Int) {
        if let person = row.person, byPerson[person] == nil { byPerson[person] = details.count }
        if let snils = row.snils, bySNILS[snils] == nil { bySNILS[snils] = details.count }
        details.append(row)
        lines.append(line)
    }

    /// Reads the file's bytes (UTF-8, with or without BOM, or Windows-1251).
    public init(bytes: [UInt8]) {
        let table = CSVTable(parsing: TextDecoding.decode(bytes).text)
        var index: [String: Int] = [:]
        for (position, name) in table.header.enumerated() {
            let lowered = name.lowercased().trimmingCharacters(in: .whitespaces)
            if let column = Self.aliases.first(where: { $0.value.contains(lowered) })?.key, index[column] == nil {
                index[column] = position
            }
        }
        guard index["person_id"] != nil || index["snils"] != nil else {
            problems.append(Problem(line: 1, message: "the header names neither person_id nor snils"))
            return
        }
        for (line, cells) in table.rows {
            read(line: line) { column in
                guard let at = index[column], at < cells.count else { return nil }
                return cells[at]
            }
        }
    }

    /// One row given as values by column name (``columns``), as a registrar's form gives them.
    public init(row: [String: String], line: Int = 1) {
        read(line: line) { row[$0] }
    }

    /// Reads one row whose cells `cell` gives by column name; a row it cannot use is a problem.
    private mutating func read(line: Int, cell: (String) -> String?) {
        func value(_ column: String) -> String? {
            guard let trimmed = cell(column)?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
            return trimmed
        }
        var row = PersonDetails(
            person: value("person_id").map(PersonID.init), lastName: value("last_name"),
            firstName: value("first_name"), middleName: value("middle_name"),
            educationLevel: value("education_level"),
            diplomaLastName: value("diploma_last_name"), diplomaSeries: value("diploma_series"),
            diplomaNumber: value("diploma_number"), citizenship: value("citizenship"), funding: value("funding"))
        if let text = value("snils") {
            do { row.snils = try SNILS(parsing: text) } catch {
                problems.append(Problem(line: line, message: "snils '\(text)': \(error)"))
            }
        }
        if let text = value("birth_date") {
            row.birthDate = ReportDay(parsing: text).flatMap { $0.day <= $0.lastDayOfMonth.day ? $0 : nil }
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
            return
        }
        add(row, line: line)
    }

    /// The details of a learner, by id first, then by SNILS.
    public func details(for person: Person) -> PersonDetails? {
        (byPerson[person.id] ?? person.snils.flatMap { bySNILS[$0] }).map { details[$0] }
    }

    private static func sex(_ text: String) -> String? {
        switch text.lowercased() {
        case "муж", "м", "мужской", "male", "m": "Муж"
        case "жен", "ж", "женский", "female", "f": "Жен"
        default: nil
        }
    }
}
