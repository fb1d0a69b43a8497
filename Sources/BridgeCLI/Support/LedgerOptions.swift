import ArgumentParser
import BridgeConfig
import CreditCore
import Foundation
import LedgerSQLite

/// Where the ledger and the mapping files are.
struct LedgerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The ledger: an SQLite file, or a postgres:// address (builds with the PostgreSQL trait).",
            discussion: "Defaults to $MOODLE_BRIDGE_LEDGER, else moodle-bridge.sqlite in the current folder.",
            valueName: "path-or-url"))
    var ledger: String?

    @Option(help: "The folder holding the mapping files.")
    var mappings: String = "Mappings"

    var ledgerLocation: String {
        ledger ?? ProcessInfo.processInfo.environment["MOODLE_BRIDGE_LEDGER"] ?? "moodle-bridge.sqlite"
    }

    func openLedger() async throws -> any LedgerStore {
        let location = ledgerLocation
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try await PostgresLedgerOpener.open(url: location)
        }
        do {
            return try SQLiteLedger(path: location)
        } catch {
            throw CLIError("cannot open the ledger \(location): \(error)")
        }
    }

    /// The mapping files, which must be free of errors.
    func loadMapping() throws -> RegionMapping {
        let result: MappingLoader.Result
        do {
            result = try MappingLoader().load(directory: URL(fileURLWithPath: mappings))
        } catch let error as MappingLoader.ReadError {
            throw CLIError(error.description)
        }
        guard result.isValid else {
            let errors = result.diagnostics.filter { $0.severity == .error }
            throw CLIError(
                "the mapping files have \(errors.count) error(s); run `moodle-bridge mappings check \(mappings)`:\n"
                    + errors.prefix(5).map { "  \($0)" }.joined(separator: "\n"))
        }
        return result.mapping
    }
}

/// An error the command line reports in one clear sentence, with its exit status.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: ExitCode

    init(_ description: String, exitCode: ExitCode = ExitCode(1)) {
        self.description = description
        self.exitCode = exitCode
    }
}
