import ArgumentParser
import Foundation

/// `bridge-bench`: measures MoodleBridge against baselines run in the same process and moment.
struct BridgeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge-bench",
        abstract: "Benchmarks (run a release build: swift run -c release bridge-bench …).",
        subcommands: [LedgerBench.self])
}

struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "SQLite ledger: append, re-import and totals, against the sqlite3 shell on the same rows.")

    @Option(help: "How many entries to append.") var entries = 1_000_000
    @Option(help: "Entries per batch (one transaction each).") var batchSize = 10_000
    @Option(help: "Where to put the databases.") var folder = ".build/bench"
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func run() async throws {
        let figures = try await LedgerBenchmark(
            entries: entries, batchSize: batchSize, folder: URL(fileURLWithPath: folder)
        ).run { if !json { print($0) } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(figures), as: UTF8.self))
            return
        }
        func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        print("""

            | SQLite ledger, \(figures.entries) entries | MoodleBridge | sqlite3 shell | ratio |
            |---|---|---|---|
            | append (entries/s) | \(f(figures.bridgeEntriesPerSecond, 0)) | \(f(figures.shellRowsPerSecond, 0)) | \(f(figures.appendRatioToShell)) |
            | re-import of existing keys (rows/s) | \(f(figures.reimportRowsPerSecond, 0)) | | |
            | totals per person + month × form × category (s) | \(f(figures.personTotalsSeconds + figures.monthlyTotalsSeconds, 3)) | \(f(figures.shellTotalsSeconds, 3)) | \(f(figures.totalsRatioToShell)) |
            """)
    }
}

extension BridgeBench {
    /// Parses the arguments and runs the chosen benchmark (from an async context, so the async
    /// `run()` is the one chosen).
    static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

await BridgeBench.runFromCommandLine()
