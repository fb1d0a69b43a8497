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

/// `moodle-bridge certificates issue [--dry-run] [--issued-on DAY] [--statements]`.
struct CertificatesIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Give a registration number to every completed route that has no certificate yet.",
        discussion: """
            Each route is judged at the moment of issue by the accumulation rules: a route completed \
            after the issue day is not yet due. Numbers are unique, sequential per year and never \
            reused; the year is the issue day's (a certificate issued on 15.12.2025 is numbered \
            2025-…). An issued document cannot be changed. With --statements, expired routes get a \
            statement (справка) the same way. The ledger must exist: this command never creates one.
            """)

    @OptionGroup var options: LedgerOptions
    @Flag(help: "List what would be issued, and issue nothing.") var dryRun = false
    @Flag(help: "Also issue statements for expired routes.") var statements = false
    @Option(
        help: ArgumentHelp(
            "The issue day printed on the documents (dd.mm.yyyy; default: today); its year is the registration year.",
            valueName: "day"))
    var issuedOn: String?
    @Flag(help: "Accept an --issued-on after today (refused otherwise).") var allowFuture = false
    @Option(help: "Print the result as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let mapping = try options.loadMapping()
        var context = ReportContext(mapping: mapping, asOf: Date())
        if let issuedOn {
            guard let day = ReportDay(parsing: issuedOn), day.day <= day.lastDayOfMonth.day else {
                throw CLIError("--issued-on '\(issuedOn)' is not a day (dd.mm.yyyy)")
            }
            // Issued today: now; on another day: at its end, routes judged as they stood then.
            if day != context.day(context.asOf) { context.asOf = context.endOfDay(day) }
            try FutureDates(timeZone: context.timeZone).check(
                context.asOf, text: issuedOn, what: "--issued-on", allowed: allowFuture)
        }
        let ledger = try await options.openLedger(.existing)
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let planner = DocumentPlanner()
        var requests = planner.requests(.certificate, snapshot: snapshot, context: context)
        if statements { requests += planner.requests(.statement, snapshot: snapshot, context: context) }
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
                let issuedOn: String
                let documents: [Line]
            }
            try Printer.json(
                Output(dryRun: dryRun, issuedOn: context.day(context.asOf).iso, documents: lines),
                ledger: options.location)
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
                        ? "\(lines.count) document(s) would be issued on \(context.day(context.asOf).russian); run without --dry-run to issue them."
                        : "Issued \(lines.count) document(s) on \(context.day(context.asOf).russian).")
        }
    }
}
