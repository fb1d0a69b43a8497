import ArgumentParser
import BridgeApplication
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
            the proxy send X-Forwarded-Proto: https) so the session cookie is marked Secure. The Reports \
            page's reconciliation reads the Moodle sites with the tokens the sites' token sources name, as \
            `report reconciliation` does: give the console the same environment (or token files).
            """)

    @OptionGroup var options: LedgerOptions
    @Option(help: "The port to listen on.") var port: Int = 8080
    @Option(help: "The address to listen on.") var listen: String = "127.0.0.1"
    @Flag(help: "Mark the session cookie Secure (the console is reached over HTTPS).") var secureCookies = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let ledger = try await options.openLedger(.existing)
        guard let staff = ledger as? any StaffStore else { throw CLIError("this ledger keeps no staff accounts") }
        // The Reports page's reconciliation reads the sites with the tokens of the console's environment.
        let connector = SiteConnector()
        let server = ConsoleServer(
            configuration: .init(
                mapping: configuration.mapping, connections: configuration.connections, ledger: ledger, staff: staff,
                address: listen, port: port, secureCookies: secureCookies, connect: { try connector.connect($0, $1) }))
        let listen = self.listen
        let app = try await server.makeApplication { port in
            print("Console: http://\(listen):\(port)/ (Ctrl-C stops it)")
        }
        try await app.runService()
    }
}
