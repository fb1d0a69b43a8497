import ArgumentParser
import BridgeApplication
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
        let importSheet = ImportCreditSheet(
            mapping: try options.loadMapping(), ledger: options.opener(dryRun ? .dryRun : .create))
        let result = try await importSheet.run(
            .init(
                path: sheet, contents: [UInt8](data), operator: self.operator, skipInvalid: skipInvalid,
                dryRun: dryRun))
        report(result)
        if result.isRefused { throw ExitCode(.badInput) }
    }

    private func report(_ result: ImportCreditSheet.Result) {
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
                    sheet: sheet, encoding: result.encoding, validRows: result.validRows,
                    invalidRows: result.invalidRows, problems: result.problems, written: result.written,
                    alreadyInLedger: result.alreadyInLedger, dryRun: result.dryRun),
                ledger: options.location)
        case .text:
            result.problems.forEach { print($0) }
            let rows = "\(result.validRows) valid row(s), \(result.invalidRows.count) invalid"
            if result.isRefused {
                print("\(sheet): \(rows); nothing was written. Correct the rows above, or use --skip-invalid.")
            } else if result.dryRun {
                print("\(sheet) (\(result.encoding)): \(rows); dry run, nothing was written.")
            } else {
                let skipped =
                    result.invalidRows.isEmpty
                    ? "" : "; skipped rows \(result.invalidRows.map(String.init).joined(separator: ", "))"
                print(
                    "\(sheet) (\(result.encoding)): \(result.written) new credit(s), \(result.alreadyInLedger) already in the ledger\(skipped)."
                )
            }
        }
    }
}
