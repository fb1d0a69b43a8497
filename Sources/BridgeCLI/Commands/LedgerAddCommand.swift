import ArgumentParser
import BridgeApplication
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
        let addCredit = AddCredit(
            mapping: try options.loadMapping(), ledger: options.opener(.create), mappingsLocation: options.mappings)
        let result = try await addCredit.run(
            .init(
                snils: snils, lastName: lastName, firstName: firstName, middleName: middleName, module: module,
                hours: hours, form: form, date: date, document: document, operator: self.operator,
                allowFuture: allowFuture))
        print(
            result.written
                ? "Credited \(result.module) (\(result.hours.value) h) to \(result.name)."
                : "This credit is already in the ledger; nothing was written.")
    }
}

extension StudyForm: ExpressibleByArgument {}
