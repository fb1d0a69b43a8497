import Foundation

/// Reads one row of a credit sheet (or one credit entered by hand), collecting every problem in it.
final class SheetRowReader {
    let row: Int
    /// The row's values by column (`snils`, `last_name`, …), as written.
    let values: [String: String]
    /// The columns' names as the sheet writes them, for messages.
    let names: [String: String]
    let calendar: Calendar
    private(set) var problems: [CreditSheet.Problem] = []

    init(row: Int, values: [String: String], names: [String: String], calendar: Calendar) {
        self.row = row
        self.values = values
        self.names = names
        self.calendar = calendar
    }

    /// Columns whose text is stored and printed as it stands.
    static let textColumns = ["last_name", "first_name", "middle_name", "centre", "document"]

    func line(modules: [ModuleID: Module], knownPersons: [String: Person]) -> CreditSheet.Line? {
        for column in Self.textColumns {
            guard let text = value(column), let unsafe = TextSafety.firstUnsafeScalar(in: text) else { continue }
            note(
                column,
                "holds \(TextSafety.name(of: unsafe)); names and notes are plain text on one line: retype the cell")
        }
        let snils = required("snils").flatMap(parseSNILS)
        let lastName = required("last_name")
        let firstName = required("first_name")
        let module = required("module").flatMap { id in
            modules[ModuleID(id)] ?? report("module", "unknown module '\(id)'; it is not in the mapping files")
        }
        let date = required("date").flatMap(parseDate)
        if let module, let hoursText = value("hours") {
            if Int(hoursText) != module.hours.value {
                note("hours", "'\(hoursText)' does not match module \(module.id), which has \(module.hours.value) h")
            }
        }
        let form = value("form").flatMap(parseForm) ?? module?.form
        let category = value("category").flatMap(parseCategory)
        let known = snils.flatMap { knownPersons[$0.digits] }
        if let snils, let known, let lastName, let firstName, !known.lastName.isEmpty,
            !PersonRegistry.sameName(known.lastName, lastName) || !PersonRegistry.sameName(known.firstName, firstName)
        {
            note(
                "last_name",
                "SNILS \(snils.formatted) is \(known.fullName) in the ledger, not \(lastName) \(firstName): correct the row, or the registry (`persons import`) if the ledger is wrong"
            )
        }
        guard problems.isEmpty, let snils, let lastName, let firstName, let module, let date, let form else {
            return nil
        }
        // What the row says about the person; a column it lacks or leaves empty says nothing.
        var values: [PersonField: String] = [.snils: snils.formatted, .lastName: lastName, .firstName: firstName]
        values[.middleName] = value("middle_name")
        values[.category] = category?.rawValue
        values[.centre] = value("centre")
        var person = known ?? Person(id: PersonID("P-\(snils.digits)"), lastName: lastName, firstName: firstName)
        for (field, text) in values where person[field] == nil { person.set(field, to: text) }
        return CreditSheet.Line(
            row: row, person: person, personValues: values, module: module, form: form, date: date,
            document: value("document"))
    }

    private func value(_ column: String) -> String? {
        guard let value = values[column]?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        return value.isEmpty ? nil : value
    }

    private func required(_ column: String) -> String? {
        value(column) ?? report(column, "empty")
    }

    private func report<T>(_ column: String, _ message: String) -> T? {
        note(column, message)
        return nil
    }

    private func note(_ column: String, _ message: String) {
        problems.append(CreditSheet.Problem(row: row, column: names[column] ?? column, message: message))
    }

    private func parseSNILS(_ text: String) -> SNILS? {
        do { return try SNILS(parsing: text) } catch { return report("snils", "'\(text)': \(error)") }
    }

    private func parseDate(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "/" }).compactMap { Int($0) }
        let (year, month, day): (Int, Int, Int)
        if parts.count == 3, text.contains(".") || text.contains("/") {
            (day, month, year) = (parts[0], parts[1], parts[2])
        } else if parts.count == 3 {
            (year, month, day) = (parts[0], parts[1], parts[2])
        } else {
            return report("date", "'\(text)' is not a date; write dd.mm.yyyy, e.g. 14.03.2026")
        }
        let components = DateComponents(year: year, month: month, day: day)
        guard year > 1900, components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            return report("date", "'\(text)' is not a date; write dd.mm.yyyy, e.g. 14.03.2026")
        }
        return date
    }

    private func parseForm(_ text: String) -> StudyForm? {
        let words: [String: StudyForm] = [
            "distance": .distance, "дистанционная": .distance, "in-person": .inPerson, "очная": .inPerson,
            "seminar": .seminar, "семинар": .seminar, "семинары": .seminar,
        ]
        return words[text.lowercased()]
            ?? report("form", "unknown form '\(text)'; expected очная, дистанционная or семинар")
    }

    private func parseCategory(_ text: String) -> LearnerCategory? {
        let words: [String: LearnerCategory] = [
            "teacher": .teacher, "педагог": .teacher, "учитель": .teacher, "methodist": .methodist,
            "методист": .methodist, "administrator": .administrator, "администратор": .administrator,
        ]
        return words[text.lowercased()]
            ?? report("category", "unknown category '\(text)'; expected педагог, методист or администратор")
    }
}
