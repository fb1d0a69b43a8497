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
        public var person: Person
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
    ///   - knownPersons: Persons already in the ledger, by SNILS digits.
    ///   - timeZone: Where the sheet's dates are days.
    public init(
        file: String, table: CSVTable, modules: [ModuleID: Module], knownPersons: [String: PersonID],
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
                let reader = SheetRowReader(row: row, cells: cells, columns: columns, calendar: calendar)
                if let line = reader.line(modules: modules, knownPersons: knownPersons) { lines.append(line) }
                problems += reader.problems
            }
        }
        self.lines = lines
        self.problems = problems
    }

    /// The ledger drafts for the valid rows, with the persons and keys they need.
    ///
    /// A row's idempotency key is made of the person, the module and the date, so importing the
    /// same sheet again (or a copy with rows in another order) writes nothing new.
    public func drafts(operator name: String) -> (entries: [LedgerBatch.Draft], persons: [Person], keys: [PersonKey]) {
        var persons: [PersonID: Person] = [:]
        var keys: [PersonKey] = []
        let entries = lines.map { line in
            persons[line.person.id] = line.person
            if let snils = line.person.snils {
                keys.append(PersonKey(kind: .snils, value: snils.digits, person: line.person.id))
            }
            return LedgerBatch.Draft(
                person: line.person.id, module: line.module.id, hours: line.module.hours, form: line.form,
                occurredAt: line.date, source: .sheet(file: file, row: line.row),
                idempotencyKey: CreditSheet.idempotencyKey(person: line.person, module: line.module.id, day: line.date),
                note: line.document.map { "\(name): \($0)" } ?? name)
        }
        return (entries, persons.values.sorted { $0.id < $1.id }, keys)
    }

    /// The key of an in-person credit, whether it comes from a sheet or is entered by hand: the
    /// same person, module and day is one credit.
    public static func idempotencyKey(person: Person, module: ModuleID, day: Date) -> String {
        "credit/\(person.snils?.digits ?? person.id.rawValue)/\(module)/\(Int64(day.timeIntervalSince1970))"
    }
}
