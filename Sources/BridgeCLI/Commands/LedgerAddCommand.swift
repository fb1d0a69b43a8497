import ArgumentParser
import CreditCore
import Foundation

/// `moodle-bridge ledger add`: one credit entered by hand, on the strength of a document.
struct LedgerAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add one credit by hand (an in-person module or a seminar), citing its document.",
        discussion: """
            Example:
              moodle-bridge ledger add --snils "112-233-445 95" --last-name Кузнецова --first-name Ирина \\
                --module SEM-MMC-01 --date 14.03.2026 --document "ведомость 12/26" --operator "Петрова Е.А."

            The same person, module and day is one credit: adding it again writes nothing.
            """)

    @OptionGroup var options: LedgerOptions
    @Option(help: "The learner's SNILS (XXX-XXX-XXX XX).") var snils: String
    @Option(help: "The learner's last name (needed for a person new to the ledger).") var lastName: String?
    @Option(help: "The learner's first name.") var firstName: String?
    @Option(help: "The learner's middle name.") var middleName: String?
    @Option(help: "The module's id in the mapping files.") var module: String
    @Option(help: "The module's hours; must equal the mapping's (a check against typos).") var hours: Int?
    @Option(help: "distance, in-person or seminar (default: the module's form).") var form: StudyForm?
    @Option(help: "The day the module was passed (dd.mm.yyyy or yyyy-mm-dd).") var date: String
    @Option(help: "The document the credit rests on (credit sheet number, order).") var document: String
    @Option(help: "Who enters the credit.") var `operator`: String
    @Flag(help: "Accept a --date after today (refused otherwise: a credit is entered once it is earned).")
    var allowFuture = false

    func run() async throws {
        let mapping = try options.loadMapping()
        guard let module = mapping.module(ModuleID(module)) else {
            throw CLIError("unknown module '\(module)'; it is not in the mapping files \(options.mappings)")
        }
        if let day = RouteInput.day(date, timeZone: RouteInput.timeZone(mapping)) {
            try FutureDates(timeZone: RouteInput.timeZone(mapping)).check(
                day, text: date, what: "--date", allowed: allowFuture)
        }
        let ledger = try await options.openLedger(.create)
        let parsedSNILS: SNILS
        do { parsedSNILS = try SNILS(parsing: snils) } catch { throw CLIError("bad SNILS '\(snils)': \(error)") }
        let known = try await ledger.person(kind: .snils, value: parsedSNILS.digits)
        if known == nil, lastName == nil || firstName == nil {
            throw CLIError("no person with SNILS \(parsedSNILS) in the ledger yet: give --last-name and --first-name")
        }
        // One row of a one-row sheet: the same checks and the same key as an imported sheet.
        let header = ["snils", "last_name", "first_name", "middle_name", "module", "hours", "form", "date", "document"]
        let existing = try await ledger.persons().first { $0.id == known }
        let cells = [
            parsedSNILS.formatted, lastName ?? existing?.lastName ?? "", firstName ?? existing?.firstName ?? "",
            middleName ?? existing?.middleName ?? "", module.id.rawValue, hours.map(String.init) ?? "",
            (form ?? module.form).rawValue, date, document,
        ]
        let sheet = CreditSheet(
            file: "manual", table: CSVTable(header: header, rows: [(2, cells)]),
            modules: [module.id: module], knownPersons: known.map { [parsedSNILS.digits: $0] } ?? [:],
            timeZone: TimeZone(identifier: mapping.sites.first?.timeZone ?? "Europe/Moscow") ?? .current)
        if let problem = sheet.problems.first {
            throw CLIError("\(problem.column ?? "value"): \(problem.message)")
        }
        var drafts = sheet.drafts(operator: self.operator)
        drafts.entries = drafts.entries.map { draft in
            var manual = draft
            manual.source = .manual(operator: self.operator, document: document)
            return manual
        }
        let outcome = try await ledger.append(
            LedgerBatch(
                id: BatchID("manual-\(UUID().uuidString.prefix(8).lowercased())"), kind: .manual, actor: self.operator,
                description: "manual credit: \(document)", recordedAt: Date(), entries: drafts.entries,
                persons: drafts.persons, personKeys: drafts.keys))
        print(
            outcome.written == 1
                ? "Credited \(module.id) (\(module.hours.value) h) to \(drafts.persons.first?.fullName ?? snils)."
                : "This credit is already in the ledger; nothing was written.")
    }
}

extension StudyForm: ExpressibleByArgument {}
