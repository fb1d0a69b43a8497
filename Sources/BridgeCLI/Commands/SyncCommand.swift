import ArgumentParser
import BridgeApplication
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
        let mapping = try options.loadMapping()
        let unknown = sites.filter { id in !mapping.sites.contains { $0.id.rawValue == id } }
        guard unknown.isEmpty else {
            throw CLIError(
                "unknown site(s): \(unknown.joined(separator: ", ")); the mapping files have: "
                    + mapping.sites.map(\.id.rawValue).joined(separator: ", "))
        }
        let ledger = try await options.openLedger(dryRun ? .dryRun : .create)
        let summary = try await Self.sync(
            mapping: mapping, ledger: ledger, sites: sites.isEmpty ? nil : sites.map { SiteID($0) }, full: full,
            dryRun: dryRun, wait: wait, format: format, connector: SiteConnector(), location: options.location)
        if let code = Self.exitCode(summary) { throw code }
    }

    /// Runs the sync and prints the summary; shared with `demo` and `serve`. `location` names the
    /// ledger (by default the SQLite ledger's file).
    static func sync(
        mapping: RegionMapping, ledger: any LedgerStore, sites: [SiteID]?, full: Bool, dryRun: Bool, wait: Bool = false,
        format: OutputFormat, connector: SiteConnector, location: LedgerLocation? = nil
    ) async throws -> SyncRunner.Summary {
        let location = location ?? (ledger as? SQLiteLedger)?.path.map(LedgerLocation.init)
        if let location { LedgerAnnouncement.shared.announce(location) }
        let progress = ProgressDisplay(enabled: format == .text)
        let runner = SyncRunner(mapping: mapping, ledger: ledger, logger: Logger(label: "moodle-bridge.sync")) { site in
            try connector.connect(site)
        }
        let runID =
            "sync-\(ISO8601DateFormatter().string(from: Date()).prefix(19))-\(UUID().uuidString.prefix(6).lowercased())"
        let summary = await runner.run(
            sites: sites,
            options: SyncOptions(isFull: full, isDryRun: dryRun, now: Date(), runID: runID, waitForBusySites: wait),
            progress: { progress.show($0) })
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
        exitCode(failures: summary.failures) ?? (summary.busy.isEmpty ? nil : ExitCode(.busy))
    }

    /// 3 when a site failed for good, 4 when the failures were all transient, nil without failures.
    static func exitCode(failures: [SyncRunner.Summary.Failure]) -> ExitCode? {
        if failures.contains(where: \.isPermanent) { return ExitCode(.siteFailed) }
        if !failures.isEmpty { return ExitCode(.transientFailure) }
        return nil
    }
}
