import ArgumentParser
import BridgeApplication
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
        let variable = ProcessInfo.processInfo.environment["MOODLE_BRIDGE_LEDGER"].flatMap { $0.isEmpty ? nil : $0 }
        return ledger ?? variable ?? "moodle-bridge.sqlite"
    }

    /// The ledger's location, printable (a PostgreSQL password hidden).
    var location: LedgerLocation { LedgerLocation(ledgerLocation) }

    /// How a command uses the ledger, and so whether it may create one.
    enum Access {
        /// A command that only makes sense on an existing ledger (reports, verify, reverse…): a
        /// missing SQLite file is refused and none is created.
        case existing
        /// A command that writes the first entries of a new ledger (sync, import, add…).
        case create
        /// A dry run: an existing ledger, or else an empty one in memory (no file is created).
        case dryRun
    }

    /// Whether the SQLite file is missing (always false for a PostgreSQL address).
    var ledgerIsMissing: Bool {
        !location.isPostgres && !FileManager.default.fileExists(atPath: ledgerLocation)
    }

    /// The refusal of a command that needs an existing ledger.
    func missingLedger(exitCode: ExitCode = ExitCode(.badInput)) -> CLIError {
        CLIError("no ledger at \(location); run sync or pass --ledger", exitCode: exitCode)
    }

    /// Opens the ledger as `access` allows, and names it on a terminal.
    ///
    /// - Parameter missingExitCode: The exit status when `access` is ``Access/existing`` and there
    ///   is no ledger.
    func openLedger(_ access: Access, missingExitCode: ExitCode = ExitCode(.badInput)) async throws -> any LedgerStore {
        let location = self.location
        if location.isPostgres {
            let ledger = try await PostgresLedgerOpener.open(url: location.raw)
            LedgerAnnouncement.shared.announce(location)
            return ledger
        }
        do {
            let ledger: SQLiteLedger
            if access == .dryRun, ledgerIsMissing {
                ledger = try SQLiteLedger()
                LedgerAnnouncement.shared.announce(
                    location, note: "no such file yet: the dry run reads an empty ledger")
            } else {
                ledger = try SQLiteLedger(path: location.raw, mode: access == .create ? .createIfMissing : .existing)
                LedgerAnnouncement.shared.announce(location)
            }
            return ledger
        } catch SQLiteLedger.OpenError.missing {
            throw missingLedger(exitCode: missingExitCode)
        } catch {
            throw CLIError("cannot open the ledger \(location): \(error)")
        }
    }

    /// Opens the ledger as `access` allows when a use case asks for it (once its input is checked).
    func opener(_ access: Access, missingExitCode: ExitCode = ExitCode(.badInput)) -> LedgerOpener {
        let options = self
        return { try await options.openLedger(access, missingExitCode: missingExitCode) }
    }

    /// The domain part of the mapping files, which must be free of errors.
    func loadMapping() throws -> RegionMapping { try loadConfiguration().mapping }

    /// The mapping files, which must be free of errors: the mapping, and how each site is reached.
    func loadConfiguration() throws -> RegionConfiguration { try LoadRegion(directory: mappings).run() }
}

/// An error the command line reports in one clear sentence, with its exit status.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: ExitCode

    init(_ description: String, exitCode: ExitCode = ExitCode(.badInput)) {
        self.description = description
        self.exitCode = exitCode
    }
}
