import ArgumentParser
import BridgeApplication
import CreditCore
import Foundation

/// `moodle-bridge certificates cancel NUMBER --reason TEXT`.
struct CertificatesCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an issued certificate (a cancellation record; the certificate stays as issued).",
        discussion: DocumentCancelOptions.discussion)

    @OptionGroup var cancel: DocumentCancelOptions

    func run() async throws { try await cancel.run(.certificate) }
}

/// `moodle-bridge statements …`: statements (справки) once issued.
struct StatementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statements",
        abstract: "Cancel an issued statement (statements are issued by `certificates issue --statements`).",
        subcommands: [StatementsCancelCommand.self])
}

/// `moodle-bridge statements cancel NUMBER --reason TEXT`.
struct StatementsCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an issued statement (a cancellation record; the statement stays as issued).",
        discussion: DocumentCancelOptions.discussion)

    @OptionGroup var cancel: DocumentCancelOptions

    func run() async throws { try await cancel.run(.statement) }
}

/// What both `cancel` commands take, and how they print.
struct DocumentCancelOptions: ParsableArguments {
    static let discussion = """
        Writes a cancellation record with a number of its own (the cancellations' series), the day, \
        the reason and the operator. Reports show the document as cancelled with that day and reason, \
        and the route may be issued a new document. An unknown number, a document of the other kind \
        and a document already cancelled are refused, and nothing is written.
        """

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The registration number of the document, e.g. 2026-00007.") var number: String
    @Option(help: "Why the document is cancelled.") var reason: String
    @Option(help: "Who cancels it (default: the login name).") var `operator`: String?
    @Option(help: "Print the result as text or JSON.") var format: OutputFormat = .text

    func run(_ kind: DocumentRequest.Kind) async throws {
        let who = self.operator ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        let result = try await CancelDocument(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(.init(number: number, kind: kind, reason: reason, operator: who))
        switch format {
        case .json:
            struct Output: Encodable {
                let cancelled: String
                let kind: String
                let cancellation: String
                let reason: String
                let `operator`: String
            }
            try Printer.json(
                Output(
                    cancelled: result.document.registrationNumber, kind: kind.rawValue,
                    cancellation: result.cancellation.registrationNumber,
                    reason: result.cancellation.request.reason ?? "",
                    operator: result.cancellation.request.operator ?? ""),
                ledger: options.location)
        case .text:
            print(
                "Cancelled \(kind.rawValue) \(result.document.registrationNumber) by \(result.cancellation.registrationNumber); the route may be issued a new one."
            )
        }
    }
}

/// `moodle-bridge certificates verify NUMBER --code CODE`: what the public verification page shows.
struct CertificatesVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Show a certificate or statement to whoever has its number and verification code.",
        discussion: """
            Prints the document's number, kind, program, hours, issue day, status (valid or \
            cancelled) and the holder's initials. An unknown number and a wrong code get the same \
            answer: no document, exit status 1.
            """)

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The registration number, e.g. 2026-00007 or С-2026-00003.") var number: String
    @Option(help: "The verification code printed on the document.") var code: String

    func run() async throws {
        guard
            let found = try await VerifyDocument(mapping: try options.loadMapping(), ledger: options.opener(.existing))
                .run(.init(number: number, code: code))
        else {
            FileHandle.standardError.write(Data("moodle-bridge: no document \(number) with this code\n".utf8))
            throw ExitCode(1)
        }
        print(
            "\(found.number)  \(found.kind)  \(found.status.rawValue)  issued \(found.issuedOn.russian)  \(found.hours) h  \(found.holder)  \(found.programTitle)"
        )
    }
}
