import ArgumentParser
import BridgeConsole
import CreditCore
import Foundation
import Hummingbird

/// `moodle-bridge console`: serves the web console on the ledger and the mapping files.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Serve the web console for registrars and administrators (sign in with a staff account).",
        discussion: """
            Create an account first: `printf '%s\\n' "$PASSWORD" | moodle-bridge staff add LOGIN --role admin`. \
            The console listens on 127.0.0.1 by default; behind a TLS proxy pass --secure-cookies (or let \
            the proxy send X-Forwarded-Proto: https) so the session cookie is marked Secure.
            """)

    @OptionGroup var options: LedgerOptions
    @Option(help: "The port to listen on.") var port: Int = 8080
    @Option(help: "The address to listen on.") var listen: String = "127.0.0.1"
    @Flag(help: "Mark the session cookie Secure (the console is reached over HTTPS).") var secureCookies = false

    func run() async throws {
        let mapping = try options.loadMapping()
        let ledger = try await options.openLedger(.existing)
        guard let staff = ledger as? any StaffStore else { throw CLIError("this ledger keeps no staff accounts") }
        let server = ConsoleServer(
            configuration: .init(
                mapping: mapping, ledger: ledger, staff: staff, address: listen, port: port,
                secureCookies: secureCookies))
        let listen = self.listen
        let app = try await server.makeApplication { port in
            print("Console: http://\(listen):\(port)/ (Ctrl-C stops it)")
        }
        try await app.runService()
    }
}
