import ArgumentParser
import BridgeApplication
import CreditCore
import CreditReports
import Foundation

/// `moodle-bridge persons …`: the person registry.
struct PersonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persons",
        abstract: "The person registry: import the registrar's persons file, show its history, merge duplicates.",
        subcommands: [
            PersonsImportCommand.self, PersonsHistoryCommand.self, PersonsDuplicatesCommand.self,
            PersonsMergeCommand.self, PersonsUnmergeCommand.self,
        ])
}

/// `moodle-bridge persons import FILE.csv`: merges the registrar's persons file into the registry.
struct PersonsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a persons CSV into the ledger's person registry.",
        discussion: """
            The file has a header row with person_id and/or snils (to match the ledger's learners) and \
            any of last_name, first_name, middle_name, birth_date (dd.mm.yyyy), sex (Муж/Жен), \
            education_level, diploma_last_name, diploma_series, diploma_number, citizenship (ОКСМ code) \
            and funding — or the same columns in Russian (СНИЛС, Фамилия, Имя, Отчество, Дата рождения, \
            Пол, …); `,` or `;`; UTF-8 or Windows-1251.

            Each row is merged by the registry's rule: an empty cell or a missing column changes \
            nothing, a new value is recorded with the file and line it came from (see `persons \
            history`). A row with person_id and snils links that SNILS to the learner, so a later credit \
            sheet with it credits that learner. Whole or nothing: an unknown learner, a SNILS that \
            belongs to someone else, or another SNILS for a learner who has one refuses the file, \
            every such line named. Exit status: 0 imported; 1 refused (nothing written).
            """)

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The persons CSV.") var file: String
    @Option(help: "Who is importing (recorded with every change).") var `operator`: String = NSUserName()
    @Flag(help: "Check the file and write nothing.") var dryRun = false
    @Option(help: "Print the result as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        guard let bytes = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let result = try await ImportPersons(ledger: options.opener(.existing)).run(
            .init(path: file, contents: Array(bytes), operator: self.operator, dryRun: dryRun))
        switch format {
        case .json: try Printer.json(result, ledger: options.location)
        case .text:
            print(
                "\(file): \(result.rows) row(s); \(result.personsChanged) learner(s) and \(result.fieldsChanged) field(s) changed, \(result.snilsLinked) SNILS linked\(result.dryRun ? "; dry run, nothing was written" : "")."
            )
        }
    }
}

/// `moodle-bridge persons history [PERSON]`: the registry's changes and refused conflicts.
struct PersonsHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the person registry's changes and refused conflicts, all or one learner's.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "A learner's person id (all learners when left out).") var person: String?
    @Option(help: "Print the events as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let events = try await PersonHistory(ledger: options.opener(.existing)).run(person: person.map(PersonID.init))
        switch format {
        case .json: try Printer.json(events)
        case .text:
            for event in events {
                print(
                    "\(event.recordedAt)  \(event.person)  \(event.kind == "conflict" ? "REFUSED" : "set")  \(event.field): \(event.stored ?? "—") → \(event.offered)  (\(event.source), batch \(event.batch))"
                )
            }
            if events.isEmpty { print("No registry events.") }
        }
    }
}
