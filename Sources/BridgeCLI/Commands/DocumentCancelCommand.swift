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
