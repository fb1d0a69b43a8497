import ArgumentParser
import CreditCore
import CreditReports
import Foundation

/// `moodle-bridge persons …`: the registrar's personal data the ledger does not hold.
struct PersonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persons",
        abstract: "Import the registrar's personal data for the federal registry export.",
        subcommands: [PersonsImportCommand.self])
}

/// `moodle-bridge persons import FILE.csv`: checks the file and keeps it beside the ledger.
struct PersonsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check a persons CSV and keep it beside the ledger for `report frdo`.",
        discussion: """
            The file has a header row with person_id or snils (to match the ledger's learners) and \
            any of birth_date (dd.mm.yyyy), sex (Муж/Жен), education_level, diploma_last_name, \
            diploma_series, diploma_number, citizenship (ОКСМ code, default 643) and funding; `,` or \
            `;`; UTF-8 or Windows-1251. It is kept as LEDGER.persons.csv, replacing the previous one.
            """)

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The persons CSV.") var file: String

    func run() async throws {
        guard let bytes = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let details = PersonDetailsFile(bytes: Array(bytes))
        if !details.problems.isEmpty {
            throw CLIError(
                "\(file) has \(details.problems.count) problem(s); nothing was imported:\n"
                    + details.problems.prefix(10).map { "  \($0)" }.joined(separator: "\n"))
        }
        let persons = try await options.openLedger(.existing).persons()
        let matched = persons.filter { details.details(for: $0) != nil }.count
        let location = try PersonsFileLocation(options: options, explicit: nil)
        guard let target = location.sideFile else {
            throw CLIError("a PostgreSQL ledger keeps no side file: pass the CSV to `report frdo --persons`")
        }
        do { try bytes.write(to: URL(fileURLWithPath: target)) } catch {
            throw CLIError("cannot write \(target): \(error.localizedDescription)")
        }
        print(
            "Kept \(details.details.count) rows in \(target); \(matched) of the ledger's \(persons.count) learners are matched."
        )
    }
}

/// Where the persons file is: the one named on the command line, else the one kept beside the ledger.
struct PersonsFileLocation {
    let explicit: String?
    let sideFile: String?

    init(options: LedgerOptions, explicit: String?) throws {
        self.explicit = explicit
        let ledger = options.ledgerLocation
        sideFile = ledger.hasPrefix("postgres") ? nil : ledger + ".persons.csv"
    }

    /// The parsed file, or nil when there is none; a broken file is an error.
    func read() throws -> PersonDetailsFile? {
        guard let path = explicit ?? sideFile.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) else {
            return nil
        }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let details = PersonDetailsFile(bytes: Array(bytes))
        if let problem = details.problems.first { throw CLIError("\(path): \(problem)") }
        return details
    }
}
