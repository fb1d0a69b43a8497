import ArgumentParser
import BridgeApplication
import BridgeConfig
import BridgeSync
import CreditCore
import Foundation
import LedgerSQLite
import Logging
import MoodleClient

/// `moodle-bridge sync`: the nightly job.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull completions from the Moodle sites into the ledger, and update the routes.",
        discussion: """
            For each site: check the site and its functions, read its courses and their hours, read \
            completions by the cheapest path the site allows (a report-builder report on Moodle 4.1+ \
            when `completion_report` names one, else enrolled users and completion status, batched), \
            match users to persons by the site's identity keys, and write new credits — each chunk in \
            one transaction with its cursor, so a run killed at any point and run again ends as one \
            clean run would. A nightly run reads only what changed; --full re-reads everything and \
            re-verifies credited completions (also done by itself every `full_sync_every_days`).

            Exit status: 0 success; 3 a site could not be synced (token, functions, web services); \
            4 a site failed with a transient error after retries; 5 another sync (on this machine or, \
            with a PostgreSQL ledger, on another) was syncing a site, which was skipped (--wait waits).
            """)

    @OptionGroup var options: LedgerOptions
    @Option(name: .customLong("site"), help: "Sync only these sites (repeatable).") var sites: [String] = []
    @Flag(help: "Re-read everything and re-verify credited completions.") var full = false
    @Flag(help: "Read and compare, but write nothing.") var dryRun = false
    @Flag(help: "Wait for another running sync to finish instead of refusing.") var wait = false
    @Option(help: "Print the summary as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let options = self.options
        let summary = try await Self.sync(
            configuration: configuration, ledger: { try await options.openLedger(dryRun ? .dryRun : .create) },
            sites: sites, full: full, dryRun: dryRun, wait: wait, format: format, connector: SiteConnector(),
            location: options.location)
        if let code = Self.exitCode(summary) { throw code }
    }

    /// Runs the sync (``SyncRegion``) and prints the summary; shared with `demo` and `serve`.
    /// `location` names the ledger (by default the SQLite ledger's file).
    static func sync(
        configuration: RegionConfiguration, ledger: @escaping LedgerOpener, sites: [String] = [], full: Bool,
        dryRun: Bool,
        wait: Bool = false, format: OutputFormat, connector: SiteConnector, location: LedgerLocation? = nil
    ) async throws -> SyncRunner.Summary {
        let progress = ProgressDisplay(enabled: format == .text)
        let summary: SyncRunner.Summary
        do {
            summary = try await SyncRegion(
                configuration: configuration,
                ledger: {
                    let opened = try await ledger()
                    if let location = location ?? (opened as? SQLiteLedger)?.path.map(LedgerLocation.init) {
                        LedgerAnnouncement.shared.announce(location)
                    }
                    return opened
                }, connect: { try connector.connect($0, $1) }
            ).run(sites: sites, full: full, dryRun: dryRun, wait: wait, progress: { progress.show($0) })
        } catch let error as ApplicationError {
            throw CLIError(error.message, exitCode: ExitCode(error.exitStatus))
        }
        progress.finish()
        switch format {
        case .json:
            if let location { try Printer.json(summary, ledger: location) } else { try Printer.json(summary) }
        case .text: print(SyncSummaryText(summary).text, terminator: "")
        }
        for site in summary.busy {
            Printer.error(
                "moodle-bridge sync: another sync is running on this ledger (site \(site)); it was skipped: wait for it, or run with --wait"
            )
        }
        return summary
    }

    static func exitCode(_ summary: SyncRunner.Summary) -> ExitCode? {
        SyncRegion.exitStatus(summary).map { ExitCode($0) }
    }

    /// 3 when a site failed for good, 4 when the failures were all transient, nil without failures.
    static func exitCode(failures: [SyncRunner.Summary.Failure]) -> ExitCode? {
        SyncRegion.exitStatus(failures: failures).map { ExitCode($0) }
    }
}
