import ArgumentParser
import BridgeApplication
import Foundation

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
