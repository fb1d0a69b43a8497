import ArgumentParser
import BridgeApplication
import Foundation

/// `moodle-bridge certificates …`: issuing certificates and statements.
struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates",
        abstract: "Issue certificates for completed routes (and statements for expired ones); cancel or verify one.",
        subcommands: [CertificatesIssueCommand.self, CertificatesCancelCommand.self, CertificatesVerifyCommand.self])
}

/// `moodle-bridge certificates issue [--dry-run] [--issued-on DAY] [--statements]`.
struct CertificatesIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Give a registration number to every completed route that has no certificate yet.",
        discussion: """
            Each route is judged at the moment of issue by the accumulation rules: a route completed \
            after the issue day is not yet due. Certificates and statements are numbered in series of \
            their own (prefixes in `numbering:` of the mapping files), unique, sequential per year and \
            never reused; the year is the issue day's (a certificate issued on 15.12.2025 is numbered \
            2025-…). Each document stores the modules it certifies and gets a verification code. An \
            issued document cannot be changed; `certificates cancel` cancels one. With --statements, \
            expired routes get a statement (справка) the same way. The ledger must exist: this \
            command never creates one.
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
        let result = try await IssueDocuments(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(.init(issuedOn: issuedOn, allowFuture: allowFuture, statements: statements, dryRun: dryRun))
        switch format {
        case .json:
            struct Output: Encodable {
                let dryRun: Bool
                let issuedOn: String
                let documents: [IssueDocuments.Document]
            }
            try Printer.json(
                Output(dryRun: result.dryRun, issuedOn: result.issuedOn.iso, documents: result.documents),
                ledger: options.location)
        case .text:
            for line in result.documents {
                let kind = line.kind == "certificate" ? "certificate" : "statement"
                print(
                    "\(line.registrationNumber ?? "(would issue)")  \(kind)  \(line.route)  \(line.name)  \(line.hours) h"
                        + (line.verificationCode.map { "  code \($0)" } ?? ""))
            }
            print(
                result.documents.isEmpty
                    ? "Nothing to issue."
                    : result.dryRun
                        ? "\(result.documents.count) document(s) would be issued on \(result.issuedOn.russian); run without --dry-run to issue them."
                        : "Issued \(result.documents.count) document(s) on \(result.issuedOn.russian).")
        }
    }
}
