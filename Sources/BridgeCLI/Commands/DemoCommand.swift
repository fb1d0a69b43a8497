import ArgumentParser
import BridgeApplication
import BridgeConfig
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import LedgerSQLite

/// `moodle-bridge demo`: the main job on the embedded default, end to end.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the nightly sync of the example region against two bundled fake Moodle sites.",
        discussion: """
            Starts two fake Moodle sites on 127.0.0.1 (the captured Moodle 5.1 site of the regional \
            institute, and a methodical centre's site whose teachers also study at the institute), \
            points the example region's mapping files at them, syncs both into an SQLite ledger in the \
            output folder and prints the summary, then issues the certificates and statements due and \
            writes every report (CSV and XLSX) into the output folder. Run it again: nothing is \
            credited or issued twice. Everything it needs is bundled with the command, so it runs \
            from any folder; the example region's mapping files are copied into OUT/Mappings, for the \
            commands run on the demo's ledger afterwards (`--mappings OUT/Mappings`).
            """)

    @Option(
        help: "The folder holding the mapping files (default: the bundled example region, copied into OUT/Mappings).")
    var mappings: String?
    @Option(help: "Where to write the ledger and the summary.") var out: String = "demo-output"
    @Flag(help: "Start from an empty ledger.") var fresh = false
    @Flag(help: "Re-read every completion and re-verify the credited ones, as `sync --full` does.") var full = false
    @Option(help: "Print the summary as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let mappings = try self.mappings ?? DemoCommand.writeExampleMappings(into: out)
        let loaded = try LedgerOptions.parse(["--mappings", mappings]).loadConfiguration()
        let ledgerPath = (out as NSString).appendingPathComponent("ledger.sqlite")
        if fresh {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledgerPath + suffix) }
        }
        let region = try await DemoRegion.start(groundTruth: BundledData.groundTruthURL)
        do {
            let (configuration, environment) = region.configuration(from: loaded)
            var connector = SiteConnector()
            connector.environment = environment
            if format == .text {
                let sites = configuration.mapping.sites.compactMap { site in
                    configuration.connections[site.id].map { "\(site.id) \($0.baseURL.absoluteString)" }
                }
                print("Demo: fake Moodle sites at \(sites.joined(separator: ", "))")
            }
            let ledger = try SQLiteLedger(path: ledgerPath)
            let summary = try await SyncCommand.sync(
                configuration: configuration, ledger: { ledger }, full: full, dryRun: false, format: format,
                connector: connector)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(summary).write(
                to: URL(fileURLWithPath: (out as NSString).appendingPathComponent("sync-summary.json")))
            let reports = try await DemoReports(ledgerPath: ledgerPath, mappings: mappings, out: out)
                .write(configuration: configuration, connector: connector)
            if format == .text {
                print("Ledger: \(ledgerPath); summary: \(out)/sync-summary.json; mapping files: \(mappings)")
                print("Certificates and statements issued; reports in \(out)/: \(reports.joined(separator: ", "))")
                print(
                    """
                    Web console on this ledger: add a staff account (the password on standard input), then serve it:
                      printf '%s\\n' 'choose-a-password' | moodle-bridge staff add admin --role admin --ledger \(ledgerPath) --mappings \(mappings)
                      moodle-bridge console --ledger \(ledgerPath) --mappings \(mappings)
                    and open http://127.0.0.1:8080/ in a browser.
                    """)
            }
            await region.stop()
            if let code = SyncCommand.exitCode(summary) { throw code }
        } catch {
            await region.stop()
            throw error
        }
    }

    /// Copies the bundled example region into `out/Mappings` and returns that folder's path.
    static func writeExampleMappings(into out: String) throws -> String {
        let folder = (out as NSString).appendingPathComponent("Mappings")
        try ExampleMappings.write(into: URL(fileURLWithPath: folder))
        return folder
    }
}
