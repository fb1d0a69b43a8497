import ArgumentParser
import BridgeApplication

/// The `moodle-bridge` command and its subcommands.
public struct MoodleBridgeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "moodle-bridge",
        abstract: "Brings Moodle course completions into the accumulative credit-hours ledger.",
        discussion: """
            Teachers earn hours module by module (2–36 h each) toward a 72-hour qualification \
            course within an individual route (ИОМ). MoodleBridge reads the mapping files that \
            describe a region (sites, modules, programs, centres, plan), pulls completions from \
            Moodle, keeps an append-only credit ledger and exports the registrar's reports.

            Start with `moodle-bridge demo` (two bundled fake Moodle sites synced into an SQLite \
            ledger), then `moodle-bridge mappings check Mappings` and `moodle-bridge check --site ID` \
            for a real site.

            Exit status: 0 success; 1 bad input (nothing was written, or no ledger where one must \
            exist); 2 the ledger failed verification (or `ledger verify` found none); 3 a site could \
            not be synced or read; 4 a transient failure after retries; 5 another sync holds the \
            ledger; 64 a usage error.
            """,
        version: MoodleBridgeVersion.current,
        subcommands: [
            DemoCommand.self, SyncCommand.self, StatusCommand.self, CheckCommand.self, RoutesCommand.self,
            LedgerCommand.self, ReportCommand.self, CertificatesCommand.self, StatementsCommand.self,
            PersonsCommand.self, MappingsCommand.self, ServeCommand.self, ConsoleCommand.self, StaffCommand.self,
            FindingsCommand.self,
            FakeMoodleCommand.self,
        ])

    public init() {}
}

extension MoodleBridgeCommand {
    /// Parses the process arguments, runs the chosen subcommand and exits with its status.
    public static func runFromCommandLine(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit()
        } catch let error as ApplicationError {
            Printer.error("moodle-bridge: \(error.message.redactingLedgerAddresses)")
            exit(withError: ExitCode(error.exitStatus))
        } catch let error as CLIError {
            Printer.error("moodle-bridge: \(error.description.redactingLedgerAddresses)")
            exit(withError: error.exitCode)
        } catch {
            // An error of the ledger or the network may quote a PostgreSQL address: never its user.
            let message = fullMessage(for: error)
            let redacted = message.redactingLedgerAddresses
            guard redacted != message else { exit(withError: error) }
            Printer.error(redacted)
            exit(withError: exitCode(for: error))
        }
    }
}
