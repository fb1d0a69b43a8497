import ArgumentParser
import CreditCore
import Foundation

/// `moodle-bridge ledger import SHEET.csv`: a credit sheet, whole or not at all.
struct LedgerImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a credit sheet (CSV) of in-person modules and seminars.",
        discussion: """
            The sheet is a CSV file (UTF-8 or Windows-1251, separated by , or ;) with a header row. \
            Columns, in any order, with English or Russian names: snils/СНИЛС, last_name/Фамилия, \
            first_name/Имя, middle_name/Отчество, module/Модуль (a module id of the mapping files), \
            date/Дата (dd.mm.yyyy), and optionally hours/Часы, form/Форма, category/Категория, \
            centre/ММЦ, document/Документ.

            Every row is checked before anything is written; when any row is bad, every problem is \
            listed with its row and column and nothing is written (exit status 1), unless \
            --skip-invalid says to write the good rows. Importing the same sheet again writes \
            nothing new.
            """)

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The credit sheet.") var sheet: String
    @Option(help: "Who is importing (recorded with the batch).") var `operator`: String = NSUserName()
    @Flag(help: "Write the valid rows even when some are bad, and list the skipped ones.") var skipInvalid = false
    @Flag(help: "Check the sheet and report, but write nothing.") var dryRun = false
    @Option(help: "Print the result as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: sheet) else {
            throw CLIError("cannot read the credit sheet \(sheet)")
        }
        let (text, encoding) = TextDecoding.decode([UInt8](data))
        let table = CSVTable(parsing: text)
        let mapping = try options.loadMapping()
        let ledger = try await options.openLedger(dryRun ? .dryRun : .create)
        let timeZone = TimeZone(identifier: mapping.sites.first?.timeZone ?? "Europe/Moscow") ?? .current
        var known: [String: PersonID] = [:]
        for snils in Set(table.rows.compactMap { row in SheetColumnsProbe.snils(in: row.cells, header: table.header) })
        {
            known[snils] = try await ledger.person(kind: .snils, value: snils)
        }
        let fileName = URL(fileURLWithPath: sheet).lastPathComponent
        let creditSheet = CreditSheet(
            file: fileName, table: table,
            modules: Dictionary(uniqueKeysWithValues: mapping.modules.map { ($0.module.id, $0.module) }),
            knownPersons: known, timeZone: timeZone)
        let problems = creditSheet.problems.map { "\(sheet): \($0)" }
        let shouldWrite = !dryRun && (creditSheet.problems.isEmpty || skipInvalid)
        var outcome = AppendOutcome(written: 0, alreadyPresent: 0)
        if shouldWrite && !creditSheet.lines.isEmpty {
            let drafts = creditSheet.drafts(operator: self.operator)
            let now = Date()
            outcome = try await ledger.append(
                LedgerBatch(
                    id: BatchID("sheet-\(UUID().uuidString.prefix(8).lowercased())"), kind: .sheetImport,
                    actor: self.operator, description: "credit sheet \(fileName) (\(encoding.rawValue))",
                    recordedAt: now,
                    entries: drafts.entries, persons: drafts.persons, personKeys: drafts.keys))
        }
        report(creditSheet: creditSheet, problems: problems, outcome: outcome, written: shouldWrite, encoding: encoding)
        if !creditSheet.problems.isEmpty && !skipInvalid { throw ExitCode(1) }
    }

    private func report(
        creditSheet: CreditSheet, problems: [String], outcome: AppendOutcome, written: Bool,
        encoding: TextDecoding.Encoding
    ) {
        switch format {
        case .json:
            struct Output: Encodable {
                let sheet: String
                let encoding: String
                let validRows: Int
                let invalidRows: [Int]
                let problems: [String]
                let written: Int
                let alreadyInLedger: Int
                let dryRun: Bool
            }
            try? Printer.json(
                Output(
                    sheet: sheet, encoding: encoding.rawValue, validRows: creditSheet.lines.count,
                    invalidRows: creditSheet.invalidRows, problems: problems, written: outcome.written,
                    alreadyInLedger: outcome.alreadyPresent, dryRun: dryRun),
                ledger: options.location)
        case .text:
            problems.forEach { print($0) }
            let rows = "\(creditSheet.lines.count) valid row(s), \(creditSheet.invalidRows.count) invalid"
            if !creditSheet.problems.isEmpty && !skipInvalid {
                print("\(sheet): \(rows); nothing was written. Correct the rows above, or use --skip-invalid.")
            } else if dryRun {
                print("\(sheet) (\(encoding.rawValue)): \(rows); dry run, nothing was written.")
            } else {
                let skipped =
                    creditSheet.invalidRows.isEmpty
                    ? "" : "; skipped rows \(creditSheet.invalidRows.map(String.init).joined(separator: ", "))"
                print(
                    "\(sheet) (\(encoding.rawValue)): \(outcome.written) new credit(s), \(outcome.alreadyPresent) already in the ledger\(skipped)."
                )
            }
        }
    }
}

/// Finds the SNILS cell of a row before the sheet is checked, to look the person up.
enum SheetColumnsProbe {
    static func snils(in cells: [String], header: [String]) -> String? {
        guard let column = header.firstIndex(where: { ["snils", "снилс"].contains($0.lowercased()) }),
            column < cells.count, let snils = try? SNILS(parsing: cells[column])
        else { return nil }
        return snils.digits
    }
}
