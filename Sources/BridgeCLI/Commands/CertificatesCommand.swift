import ArgumentParser
import CreditCore
import CreditReports
import Foundation

/// `moodle-bridge certificates …`: issuing certificates and statements.
struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates",
        abstract: "Issue certificates for completed routes (and statements for expired ones).",
        subcommands: [CertificatesIssueCommand.self])
}

/// `moodle-bridge certificates issue [--dry-run] [--year] [--statements]`.
struct CertificatesIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Give a registration number to every completed route that has no certificate yet.",
        discussion: """
            Routes count as completed as the ledger last recorded them. Numbers are unique, \
            sequential per year and never reused; an issued document cannot be changed. With \
            --statements, expired routes get a statement (справка) the same way.
            """)

    @OptionGroup var options: LedgerOptions
    @Flag(help: "List what would be issued, and issue nothing.") var dryRun = false
    @Flag(help: "Also issue statements for expired routes.") var statements = false
    @Option(help: "The registration year (default: this year).") var year: Int?
    @Option(help: "Print the result as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let mapping = try options.loadMapping()
        let ledger = try await options.openLedger()
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let context = ReportContext(mapping: mapping, asOf: Date())
        let planner = DocumentPlanner()
        var requests = planner.requests(.certificate, snapshot: snapshot, context: context, year: year)
        if statements { requests += planner.requests(.statement, snapshot: snapshot, context: context, year: year) }
        let names = snapshot.personByID.mapValues(\.fullName)
        struct Line: Encodable {
            let kind: String
            let route: String
            let person: String
            let name: String
            let hours: Int
            let registrationNumber: String?
        }
        let lines: [Line]
        if dryRun {
            lines = requests.map {
                Line(
                    kind: $0.kind.rawValue, route: $0.route.rawValue, person: $0.person.rawValue,
                    name: names[$0.person] ?? "", hours: $0.hours.value, registrationNumber: nil)
            }
        } else {
            lines = try await ledger.issueDocuments(requests).map {
                Line(
                    kind: $0.request.kind.rawValue, route: $0.request.route.rawValue,
                    person: $0.request.person.rawValue,
                    name: names[$0.request.person] ?? "", hours: $0.request.hours.value,
                    registrationNumber: $0.registrationNumber)
            }
        }
        switch format {
        case .json:
            struct Output: Encodable {
                let dryRun: Bool
                let documents: [Line]
            }
            try Printer.json(Output(dryRun: dryRun, documents: lines))
        case .text:
            for line in lines {
                let kind = line.kind == "certificate" ? "certificate" : "statement"
                print(
                    "\(line.registrationNumber ?? "(would issue)")  \(kind)  \(line.route)  \(line.name)  \(line.hours) h"
                )
            }
            print(
                lines.isEmpty
                    ? "Nothing to issue."
                    : dryRun
                        ? "\(lines.count) document(s) would be issued; run without --dry-run to issue them."
                        : "Issued \(lines.count) document(s).")
        }
    }
}
