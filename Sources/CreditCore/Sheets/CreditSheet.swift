import Foundation

/// A credit sheet (зачётный лист) exported from a spreadsheet: one row per learner and module
/// passed in person or at a seminar. It is validated whole before anything is written.
///
/// Columns (English or Russian headers, in any order): `snils`/`СНИЛС`, `last_name`/`Фамилия`,
/// `first_name`/`Имя`, `middle_name`/`Отчество`, `module`/`Модуль`, `date`/`Дата` (dd.MM.yyyy or
/// yyyy-MM-dd), and optionally `hours`/`Часы` (must equal the module's), `form`/`Форма`,
/// `category`/`Категория`, `centre`/`ММЦ`, `document`/`Документ`.
public struct CreditSheet: Sendable {
    /// A problem in one cell or row.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var row: Int
        public var column: String?
        public var message: String

        public var description: String {
            "row \(row)\(column.map { ", column \($0)" } ?? ""): \(message)"
        }
    }

    /// One valid row, ready to be written.
    public struct Line: Hashable, Sendable {
        public var row: Int
        /// The person the row credits: the registry's when its SNILS is known, else a new one.
        public var person: Person
        /// What the row says about the person (only the columns it fills).
        public var personValues: [PersonField: String]
        public var module: Module
        public var form: StudyForm
        public var date: Date
        public var document: String?
    }

    public var file: String
    public var lines: [Line]
    public var problems: [Problem]
    /// Rows with at least one problem.
    public var invalidRows: [Int] { Array(Set(problems.map(\.row))).sorted() }

    /// Reads and checks every row of `table` against the region's modules.
    ///
    /// - Parameters:
    ///   - file: The sheet's file name, recorded as the source of each entry.
    ///   - knownPersons: Persons already in the ledger, by SNILS digits. A row whose names are
    ///     not those of its SNILS's person is a problem, never credited to either.
    ///   - timeZone: Where the sheet's dates are days.
    public init(
        file: String, table: CSVTable, modules: [ModuleID: Module], knownPersons: [String: Person],
        timeZone: TimeZone
    ) {
        self.file = file
        var problems: [Problem] = []
        let columns = SheetColumns(header: table.header)
        for missing in columns.missingRequired {
            problems.append(Problem(row: 1, column: missing, message: "the header has no \(missing) column"))
        }
        var lines: [Line] = []
        if problems.isEmpty {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            for (row, cells) in table.rows {
                // A field past the header's is a value split by an unquoted separator, never dropped.
                if cells.count > columns.count,
                    cells[columns.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
                {
                    problems.append(
                        Problem(
                            row: row, column: nil,
                            message:
                                "the row has \(cells.count) fields and the header \(columns.count): a value holds the separator; put it in double quotes"
                        ))
                    continue
                }
                let reader = SheetRowReader(
                    row: row, values: columns.values(in: cells), names: columns.names, calendar: calendar)
                if let line = reader.line(modules: modules, knownPersons: knownPersons) { lines.append(line) }
                problems += reader.problems
            }
        }
        self.lines = lines
        self.problems = problems
    }

    /// One credit entered by hand, as the values of a sheet row: checked by the same rules (the
    /// module known, the hours the module's, a real date, a valid SNILS) and given the same key, so a
    /// credit entered by hand and the same row of a sheet are one credit.
    public struct Fields: Hashable, Sendable {
        public var snils: String?
        public var lastName: String?
        public var firstName: String?
        public var middleName: String?
        public var module: String?
        public var hours: String?
        public var form: String?
        public var date: String?
        public var category: String?
        public var centre: String?
        public var document: String?

        public init(
            snils: String? = nil, lastName: String? = nil, firstName: String? = nil, middleName: String? = nil,
            module: String? = nil, hours: String? = nil, form: String? = nil, date: String? = nil,
            category: String? = nil, centre: String? = nil, document: String? = nil
        ) {
            self.snils = snils
            self.lastName = lastName
            self.firstName = firstName
            self.middleName = middleName
            self.module = module
            self.hours = hours
            self.form = form
            self.date = date
            self.category = category
            self.centre = centre
            self.document = document
        }

        /// The values by sheet column.
        var values: [String: String] {
            let pairs: [(String, String?)] = [
                ("snils", snils), ("last_name", lastName), ("first_name", firstName), ("middle_name", middleName),
                ("module", module), ("hours", hours), ("form", form), ("date", date), ("category", category),
                ("centre", centre), ("document", document),
            ]
            return Dictionary(uniqueKeysWithValues: pairs.compactMap { name, value in value.map { (name, $0) } })
        }
    }

    /// Checks credits given as values rather than cells (one entered by hand), by the rules of a
    /// sheet's rows; problems name the columns `snils`, `module`, `date`, ….
    public init(
        file: String, rows: [(row: Int, fields: Fields)], modules: [ModuleID: Module],
        knownPersons: [String: Person], timeZone: TimeZone
    ) {
        self.file = file
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var lines: [Line] = []
        var problems: [Problem] = []
        for (row, fields) in rows {
            let reader = SheetRowReader(row: row, values: fields.values, names: [:], calendar: calendar)
            if let line = reader.line(modules: modules, knownPersons: knownPersons) { lines.append(line) }
            problems += reader.problems
        }
        self.lines = lines
        self.problems = problems
    }

    /// The SNILS (digits) of the rows of `table` whose SNILS cell is valid: the persons to look up
    /// in the ledger before the sheet is checked.
    public static func snilsDigits(in table: CSVTable) -> Set<String> {
        let columns = SheetColumns(header: table.header)
        return Set(
            table.rows.compactMap { row in
                columns.values(in: row.cells)["snils"].flatMap { try? SNILS(parsing: $0) }?.digits
            })
    }

    /// The ledger drafts for the valid rows, with the persons and keys they need.
    ///
    /// A row's idempotency key is made of the person, the module and the date, so importing the
    /// same sheet again (or a copy with rows in another order) writes nothing new.
    public func drafts(operator name: String) -> (
        entries: [LedgerBatch.Draft], persons: [PersonFacts], keys: [PersonKey]
    ) {
        var persons: [PersonFacts] = []
        var keys: [PersonKey] = []
        let entries = lines.map { line in
            persons.append(
                PersonFacts(id: line.person.id, source: .sheet(file: file, row: line.row), values: line.personValues))
            if let snils = line.person.snils {
                keys.append(PersonKey(kind: .snils, value: snils.digits, person: line.person.id))
            }
            return LedgerBatch.Draft(
                person: line.person.id, module: line.module.id, hours: line.module.hours, form: line.form,
                occurredAt: line.date, source: .sheet(file: file, row: line.row),
                idempotencyKey: CreditSheet.idempotencyKey(person: line.person, module: line.module.id, day: line.date),
                note: line.document.map { "\(name): \($0)" } ?? name)
        }
        return (entries, persons, keys)
    }

    /// The key of an in-person credit, whether it comes from a sheet or is entered by hand: the
    /// same person, module and day is one credit.
    public static func idempotencyKey(person: Person, module: ModuleID, day: Date) -> String {
        "credit/\(person.snils?.digits ?? person.id.rawValue)/\(module)/\(Int64(day.timeIntervalSince1970))"
    }
}
