import ArgumentParser
import BridgeApplication
import BridgeSync
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
              moodle-bridge report plan --from 01.09.2025 --to 31.12.2025 --lang en --separator semicolon
              moodle-bridge report centres --as-of 31.12.2025 --centre ММЦ-04 --out reports/
              moodle-bridge report frdo --persons persons.csv --format xlsx --out frdo.xlsx

            CSV and JSON go to standard output unless --out names a file; XLSX needs --out. An --out \
            ending in / (or naming an existing folder) is a folder, created when missing, and the \
            report is written into it as KIND.FORMAT. Labels are Russian unless --lang en. The \
            report reads an existing ledger only: it never creates one.

            XLSX: a title block (institution, criteria, day made, warnings), a frozen and filtered \
            header, A4 pages fitted to the width with the header on every page, the summary on a \
            sheet «Итоги». CSV: one table per file (separator ; with Russian labels, , with \
            English); the summary and further tables go beside it as KIND-summary.csv and \
            KIND-KEY.csv. JSON: rows, totals, summary and the heading apart. --out never replaces \
            the ledger, a file beside it or a mapping file, nor any other existing file that is not \
            an earlier report of the same kind unless --force.

            Dates mean the same in every report:
              --as-of DAY  the report describes the ledger as it stood at the end of DAY in the \
            region: credits that occurred after it are not counted, routes are judged at that \
            moment by the accumulation rules (not taken from the last sync's verdict), routes that \
            had not begun are left out, documents issued after it are not issued yet. Default: now.
              --from DAY, --to DAY  only rows whose date lies in the range, both days included: a \
            credit by the day it occurred; a certificate or statement by its issue day, or, while \
            not issued, a route by its completion day (certificates) or its last day (statements); \
            in the centres report completed routes by their completion day and expired ones by \
            their last day (open routes are counted as they stand). The plan is by month: its \
            --from must be a month's first day and its --to a month's last day.

            Criteria either apply or are refused, never ignored: --site (a site id) narrows credits \
            and applies to credit-sheet and reconciliation only (a certificate, a statement or a \
            centre's routes cannot be split by site); --centre takes a centre's id (MMC-04), its \
            field value or cohort (ММЦ-04) or its name, and an unknown one is refused with the list; \
            the reconciliation takes only --site; the plan takes --category, --from, --to and \
            --as-of; a credit sheet takes --person (required), --site, --from, --to and --as-of.

            The certificates and frdo reports take middle names, birth dates, sex and prior \
            diplomas from the ledger's person registry (`persons import`), or from the persons file \
            named by --persons (the other reports refuse it); a certificate lacking a value the federal registry requires is named on \
            standard error and on the sheet «Не хватает данных» (and left out of frdo). The reconciliation report \
            reads every site (a full sync that writes nothing) and compares it with the ledger; it \
            needs the sites' tokens. When a site cannot be read the report is still written, says so \
            in its heading, and the command exits 3 (permanent failure) or 4 (transient failure).

            Exit status: 0 success; 1 bad input (no ledger, a criterion refused); 3 or 4 a site \
            could not be read (the report is incomplete); 64 a usage error.
            """)

    @Argument(help: "reconciliation, credit-sheet, certificates, frdo, statements, plan or centres.")
    var kind: ReportKind

    @OptionGroup var options: LedgerOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup(title: "Criteria") var filters: ReportFilterOptions

    @Option(help: "The registrar's persons CSV for the certificates and frdo reports (the others refuse it).")
    var persons: String?

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let criteria = try filters.criteria()
        var personsFile: ReportPersonsFile?
        if let persons {
            guard let bytes = FileManager.default.contents(atPath: persons) else {
                throw CLIError("cannot read \(persons)")
            }
            personsFile = ReportPersonsFile(name: persons, contents: Array(bytes))
        }
        let connector = SiteConnector()
        let report = try await ExportReport(
            configuration: configuration, ledger: options.opener(.existing),
            connect: { try connector.connect($0, $1) }
        ).run(.init(kind: kind, criteria: criteria, persons: personsFile))
        for failure in report.failures {
            Printer.error("site \(failure.site) could not be read: \(failure.message)")
        }
        for line in report.missingData { Printer.error("missing data: \(line)") }
        try output.write(report.table, name: kind.rawValue, ledger: options.location, mappings: options.mappings)
        if let code = SyncCommand.exitCode(failures: report.failures) {
            let failures = report.failures
            let sites = failures.map(\.site.rawValue).joined(separator: ", ")
            throw CLIError(
                "the report is incomplete: \(failures.count == 1 ? "site" : "sites") \(sites) could not be read; "
                    + "it was written with a warning in its heading. Run it again when the "
                    + (failures.count == 1 ? "site answers" : "sites answer"),
                exitCode: code)
        }
    }
}

/// How and where a report is written.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "csv, xlsx or json.") var format: ReportFormat = .csv
    @Option(help: "ru or en: the language of the labels.") var lang: ReportLanguage = .ru
    @Option(
        help: ArgumentHelp(
            "A file, or a folder to write KIND.FORMAT into (default: standard output for CSV and JSON).",
            discussion: "A path ending in / or naming an existing folder is a folder, created when missing."))
    var out: String?
    @Option(help: "CSV field separator: semicolon (default with Russian labels) or comma (default with English).")
    var separator: CSVReportWriter.Separator?
    @Flag(
        help: ArgumentHelp(
            "Replace an existing file that is not an earlier report of the same kind.",
            discussion: "The ledger, the files beside it and the mapping files are never overwritten."))
    var force = false

    /// Writes `table` to --out (or standard output), named `name` when --out is a folder; JSON names
    /// the `ledger` it was made from. A CSV report's summary and further sheets go to files of their
    /// own beside it (`NAME-summary.csv`); on standard output only the table is written.
    func write(
        _ table: ReportTable, name: String, ledger: LedgerLocation? = nil, mappings: String? = nil
    ) throws {
        var files: [ReportFormat.File]
        do { files = try format.files(table, name: name, language: lang, separator: separator) } catch {
            throw CLIError("cannot write the report: \(error)")
        }
        if format == .json, let ledger { files[0].data = Self.addingLedger(ledger, to: files[0].data) }
        guard var path = out else {
            guard format != .xlsx else { throw CLIError("an XLSX report needs --out FILE (or a folder)") }
            FileHandle.standardOutput.write(files[0].data)
            return
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if path.hasSuffix("/") || (exists && isFolder.boolValue) {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw CLIError("cannot create the folder \(path): \(error.localizedDescription)")
            }
            path = URL(fileURLWithPath: path).appendingPathComponent(files[0].name).path
        }
        let main = URL(fileURLWithPath: path)
        let stem = main.deletingPathExtension().lastPathComponent
        // Companion files take the main file's name: sheet.csv → sheet-summary.csv.
        let targets = files.enumerated().map { index, file in
            index == 0
                ? main
                : main.deletingLastPathComponent().appendingPathComponent(stem + file.name.dropFirst(name.count))
        }
        // Every target is checked before any is written.
        let outputs = OutputGuard(ledger: ledger, mappings: mappings)
        for (url, file) in zip(targets, files) {
            try outputs.check(url, data: file.data, name: name, kind: table.kind, format: format, force: force)
        }
        for (index, (url, file)) in zip(targets, files).enumerated() {
            do { try file.data.write(to: url, options: .atomic) } catch {
                throw CLIError("cannot write \(url.path): \(error.localizedDescription)")
            }
            Printer.error(index == 0 ? "wrote \(url.path) (\(table.rows.count) rows)" : "wrote \(url.path)")
        }
    }

    /// The JSON report with `"ledger": "…"` as its first field.
    static func addingLedger(_ ledger: LedgerLocation, to json: Data) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        guard let brace = json.firstIndex(of: UInt8(ascii: "{")), let encoded = try? encoder.encode(ledger.description)
        else { return json }
        var out = Data(json[...brace])
        out.append(Data("\n  \"ledger\": ".utf8) + encoded + Data(",".utf8))
        out.append(json[json.index(after: brace)...])
        return out
    }
}

/// The criteria that narrow a report.
struct ReportFilterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only credits from this Moodle site (its id in sites.yaml).",
            discussion: "Applies to credit-sheet and reconciliation; the other reports refuse it."))
    var site: String?
    @Option(help: "Only learners of this methodical centre: its id (MMC-04), field value (ММЦ-04) or name.")
    var centre: String?
    @Option(help: "Only learners of this category: administrator, methodist or teacher.") var category: LearnerCategory?
    @Option(
        help: ArgumentHelp(
            "Only rows dated on or after this day (dd.mm.yyyy or yyyy-mm-dd).",
            discussion: "A credit's day; a document's issue day, else a route's completion day or last day."))
    var from: String?
    @Option(help: "Only rows dated on or before this day.") var to: String?
    @Option(help: "One learner: their id in the ledger or their SNILS.") var person: String?
    @Option(
        help: ArgumentHelp(
            "Describe the ledger as it stood at the end of this day in the region (default: now).",
            discussion:
                "Credits after it are not counted; routes are judged at that moment; documents issued later are not yet issued."
        ))
    var asOf: String?

    /// The criteria as typed, the days parsed.
    func criteria() throws -> ReportCriteria {
        ReportCriteria(
            site: site, centre: centre, category: category, from: try ExportReport.day(from, for: .from),
            to: try ExportReport.day(to, for: .to), person: person, asOf: try ExportReport.day(asOf, for: .asOf))
    }
}

extension ReportKind: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension CSVReportWriter.Separator: ExpressibleByArgument {}
extension LearnerCategory: ExpressibleByArgument {}
