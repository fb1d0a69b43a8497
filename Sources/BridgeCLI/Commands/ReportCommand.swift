import ArgumentParser
import CreditCore
import CreditReports
import Foundation

/// `moodle-bridge report KIND`: writes one report as CSV, XLSX or JSON.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Export a report: reconciliation, credit-sheet, certificates, frdo, statements, plan or centres.",
        discussion: """
            Examples:
              moodle-bridge report credit-sheet --person P-0001 --format xlsx --out sheet.xlsx
              moodle-bridge report plan --from 01.09.2025 --to 31.12.2025 --separator semicolon
              moodle-bridge report frdo --persons persons.csv --format xlsx --out frdo.xlsx

            CSV and JSON go to standard output unless --out names a file; XLSX needs --out (a file, \
            or a folder to write KIND.xlsx into). Labels are Russian unless --lang en. The frdo \
            export takes birth dates, sex and prior diplomas from the persons file (--persons, else \
            the one `persons import` stored beside the ledger); a certificate lacking one of them is \
            left out and named on standard error. The reconciliation report reads every site \
            (a full sync that writes nothing) and compares it with the ledger; it needs the sites' tokens.
            """)

    @Argument(help: "reconciliation, credit-sheet, certificates, frdo, statements, plan or centres.")
    var kind: ReportKind

    @OptionGroup var options: LedgerOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var filters: ReportFilterOptions

    @Option(help: "The registrar's persons CSV for the frdo export.") var persons: String?

    func run() async throws {
        let mapping = try options.loadMapping()
        let ledger = try await options.openLedger()
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let context = ReportContext(mapping: mapping, asOf: try filters.asOfDate(mapping: mapping))
        let filter = try await filters.filter(ledger: ledger)
        let table: ReportTable
        switch kind {
        case .creditSheet:
            guard let person = filter.person else {
                throw CLIError("the credit sheet is one learner's: name them with --person")
            }
            do {
                table = try CreditSheetBuilder().build(
                    person: person, snapshot: snapshot, context: context, filter: filter)
            } catch let error as ReportError {
                throw CLIError(error.description)
            }
        case .certificates:
            table = CertificatesBuilder().build(
                snapshot: snapshot, context: context, filter: filter,
                details: try PersonsFileLocation(options: options, explicit: persons).read())
        case .statements: table = StatementsBuilder().build(snapshot: snapshot, context: context, filter: filter)
        case .plan: table = PlanBuilder().build(snapshot: snapshot, context: context, filter: filter)
        case .centres: table = CentresBuilder().build(snapshot: snapshot, context: context, filter: filter)
        case .frdo:
            let export = FRDOBuilder().build(
                snapshot: snapshot, details: try PersonsFileLocation(options: options, explicit: persons).read(),
                context: context, filter: filter)
            table = export.table
        case .reconciliation:
            let result = try await Reconciliation.table(
                mapping: mapping, ledger: ledger, connector: SiteConnector(),
                sites: filter.site.map { [$0] })
            for failure in result.failures {
                Printer.error("site \(failure.site) could not be read: \(failure.message)")
            }
            table = result.table
        }
        for line in table.missingDataLines { Printer.error("missing data: \(line)") }
        try output.write(table, name: kind.rawValue)
    }
}

/// How and where a report is written.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "csv, xlsx or json.") var format: ReportFormat = .csv
    @Option(help: "ru or en: the language of the labels.") var lang: ReportLanguage = .ru
    @Option(help: "A file, or a folder to write KIND.FORMAT into (default: standard output for CSV and JSON).")
    var out: String?
    @Option(help: "CSV field separator: semicolon (default with Russian labels) or comma (default with English).")
    var separator: CSVReportWriter.Separator?

    /// Writes `table` to --out (or standard output), named `name` when --out is a folder. A CSV
    /// report's summary and further sheets go to files of their own beside it (`NAME-summary.csv`);
    /// on standard output only the table is written.
    func write(_ table: ReportTable, name: String) throws {
        let files: [ReportFormat.File]
        do { files = try format.files(table, name: name, language: lang, separator: separator) } catch {
            throw CLIError("cannot write the report: \(error)")
        }
        guard var path = out else {
            guard format != .xlsx else { throw CLIError("an XLSX report needs --out FILE (or a folder)") }
            FileHandle.standardOutput.write(files[0].data)
            return
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            path = URL(fileURLWithPath: path).appendingPathComponent(files[0].name).path
        }
        let main = URL(fileURLWithPath: path)
        let stem = main.deletingPathExtension().lastPathComponent
        for (index, file) in files.enumerated() {
            // Companion files take the main file's name: sheet.csv → sheet-summary.csv.
            let url =
                index == 0
                ? main
                : main.deletingLastPathComponent().appendingPathComponent(
                    stem + file.name.dropFirst(name.count))
            do { try file.data.write(to: url) } catch {
                throw CLIError("cannot write \(url.path): \(error.localizedDescription)")
            }
            Printer.error(index == 0 ? "wrote \(url.path) (\(table.rows.count) rows)" : "wrote \(url.path)")
        }
    }
}

/// The criteria that narrow a report.
struct ReportFilterOptions: ParsableArguments {
    @Option(help: "Only credits from this Moodle site (its id in sites.yaml).") var site: String?
    @Option(help: "Only learners of this methodical centre (its id).") var centre: String?
    @Option(help: "Only learners of this category: administrator, methodist or teacher.") var category: LearnerCategory?
    @Option(help: "From this day (dd.mm.yyyy or yyyy-mm-dd), inclusive.") var from: String?
    @Option(help: "Up to this day, inclusive.") var to: String?
    @Option(help: "One learner: their id in the ledger or their SNILS.") var person: String?
    @Option(help: "Judge routes as they stand on this day (default: now).") var asOf: String?

    func filter(ledger: any LedgerStore) async throws -> ReportFilter {
        var personID: PersonID?
        if let person {
            if let snils = try? SNILS(parsing: person) {
                guard let found = try await ledger.person(kind: .snils, value: snils.digits) else {
                    throw CLIError("no learner with SNILS \(snils) in the ledger")
                }
                personID = found
            } else {
                personID = PersonID(person)
            }
        }
        return ReportFilter(
            site: site.map(SiteID.init), centre: centre.map(CentreID.init), category: category,
            from: try day(from, option: "--from"), to: try day(to, option: "--to"), person: personID)
    }

    /// The end of the --as-of day in the region, or now.
    func asOfDate(mapping: RegionMapping) throws -> Date {
        guard let day = try day(asOf, option: "--as-of") else { return Date() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ReportContext(mapping: mapping, asOf: Date()).timeZone
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return calendar.date(byAdding: .day, value: 1, to: start)!.addingTimeInterval(-1)
    }

    private func day(_ text: String?, option: String) throws -> ReportDay? {
        guard let text else { return nil }
        guard let day = ReportDay(parsing: text) else {
            throw CLIError("\(option) '\(text)' is not a day (dd.mm.yyyy)")
        }
        return day
    }
}

extension ReportKind: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension CSVReportWriter.Separator: ExpressibleByArgument {}
extension LearnerCategory: ExpressibleByArgument {}
