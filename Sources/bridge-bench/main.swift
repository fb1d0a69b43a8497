import ArgumentParser
import Foundation

/// `bridge-bench`: measures MoodleBridge against baselines run in the same process and moment.
struct BridgeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge-bench",
        abstract: "Benchmarks (run a release build: swift run -c release bridge-bench …).",
        subcommands: [
            LedgerBench.self, ScaleBench.self, ConsoleBench.self, SyncBench.self, JSONBench.self, MappingsBench.self,
            SyncSideCommand.self,
        ])
}

struct SyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync against a fake Moodle with a real Moodle's latency, next to the naive per-pair pull.",
        discussion: "The naive baseline takes minutes at the default size (one request per enrolment, ~38 ms each).")

    @Option(help: "Learners on the generated site.") var users = 2_000
    @Option(help: "Courses (modules) on the generated site.") var courses = 40
    @Option(help: "Where to put the ledgers.") var folder = ".build/bench"
    @Flag(help: "Also sync a site ten times larger, to compare peak memory.") var tenfold = false
    @Flag(help: "Only the memory comparison: full syncs of the site and of one ten times larger.")
    var memoryOnly = false
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func run() async throws {
        if memoryOnly {
            let (base, big) = try await SyncBenchmark(
                users: users, courses: courses, folder: URL(fileURLWithPath: folder),
                executable: URL(fileURLWithPath: CommandLine.arguments[0]), includeTenfold: true
            ).memory { print($0) }
            let ratio = Double(big.peakMemoryBytes) / Double(max(1, base.peakMemoryBytes))
            print(
                "Peak memory: \(base.peakMemoryBytes / 1_048_576) MB for \(users) learners, \(big.peakMemoryBytes / 1_048_576) MB for \(users * 10): \(String(format: "%.2f", ratio))× (target < 2×: \(ratio < 2 ? "met" : "NOT met"))"
            )
            return
        }
        let figures = try await SyncBenchmark(
            users: users, courses: courses, folder: URL(fileURLWithPath: folder),
            executable: URL(fileURLWithPath: CommandLine.arguments[0]), includeTenfold: tenfold
        ).run { if !json { print($0) } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(figures), as: UTF8.self))
            return
        }
        func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
        func mb(_ bytes: Int) -> String { f(Double(bytes) / 1_048_576) + " MB" }
        print(
            "\n\(figures.users) learners × \(figures.courses) courses, \(figures.enrolments) enrolments, \(figures.completions) completions; latency \(figures.latency)\n"
        )
        print(
            "| path | scenario | bridge requests | naive requests | ratio | bridge wall s | naive wall s | ratio | bridge peak memory | naive peak memory | target |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for scenario in figures.scenarios {
            let target = scenario.target.map { "\($0): \(scenario.met == true ? "met" : "NOT met")" } ?? ""
            print(
                "| \(scenario.path) | \(scenario.name) | \(scenario.bridge.requests) | \(scenario.naive.requests) | \(f(scenario.requestRatio))× | \(f(scenario.bridge.wallSeconds, 2)) | \(f(scenario.naive.wallSeconds)) | \(f(scenario.wallTimeRatio))× | \(mb(scenario.bridge.peakMemoryBytes)) | \(mb(scenario.naive.peakMemoryBytes)) | \(target) |"
            )
        }
        if let tenfold = figures.tenfold, let ratio = figures.tenfoldMemoryRatio {
            print(
                "\nA site ten times larger: full sync \(tenfold.requests) requests, \(f(tenfold.wallSeconds, 2)) s, peak memory \(mb(tenfold.peakMemoryBytes)) (\(f(ratio, 2))× the memory of the base site; target < 2×: \(ratio < 2 ? "met" : "NOT met"))."
            )
        }
        print("(The naive baseline is measured once: it does the same work whatever changed.)")
    }
}

/// Internal: one side of the sync benchmark, run in its own process; prints JSON.
struct SyncSideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync-side", shouldDisplay: false)

    @Option var mode: String
    @Option var url: String
    @Option var ledger: String
    @Flag var classic = false

    func run() async throws {
        let side = try await SyncSide.run(mode: mode, url: URL(string: url)!, ledgerPath: ledger, classic: classic)
        print(String(decoding: try JSONEncoder().encode(side), as: UTF8.self))
    }
}

struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "SQLite ledger: append, re-import and totals, against the sqlite3 shell on the same rows.")

    @Option(help: "How many entries to append.") var entries = 1_000_000
    @Option(help: "Entries per batch (one transaction each).") var batchSize = 10_000
    @Option(help: "Where to put the databases.") var folder = ".build/bench"
    @Flag(help: "Print the figures as one JSON object.") var json = false
    @Option(help: "Also benchmark the PostgreSQL ledger at this address (builds with --traits PostgreSQL).")
    var postgres: String?
    @Option(help: "How many entries to append on PostgreSQL.") var postgresEntries = 100_000

    func run() async throws {
        if let postgres {
            #if PostgreSQL
                let figures = try await PostgresLedgerBenchmark(
                    url: postgres, entries: postgresEntries, batchSize: batchSize, folder: URL(fileURLWithPath: folder)
                ).run { if !json { print($0) } }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(figures), as: UTF8.self))
                return
            #else
                throw BenchError("this bridge-bench was built without PostgreSQL; build with --traits PostgreSQL")
            #endif
        }
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
        print(
            """

            | SQLite ledger, \(figures.entries) entries | MoodleBridge | sqlite3 shell | ratio |
            |---|---|---|---|
            | append (entries/s) | \(f(figures.bridgeEntriesPerSecond, 0)) | \(f(figures.shellRowsPerSecond, 0)) | \(f(figures.appendRatioToShell)) |
            | re-import of existing keys (rows/s) | \(f(figures.reimportRowsPerSecond, 0)) | | |
            | totals per person + month × form × category (s) | \(f(figures.personTotalsSeconds + figures.monthlyTotalsSeconds, 3)) | \(f(figures.shellTotalsSeconds, 3)) | \(f(figures.totalsRatioToShell)) |
            | totals per person alone (s) | \(f(figures.personTotalsSeconds, 3)) | | |
            | totals by month × form × category alone (s) | \(f(figures.monthlyTotalsSeconds, 3)) | | |
            | one person's progress, p50 / p95 over \(figures.personProgress.persons) persons (ms) | \(f(figures.personProgress.p50Milliseconds, 3)) / \(f(figures.personProgress.p95Milliseconds, 3)) | | |
            """)
    }
}

struct ScaleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract:
            "A 1,000,000-entry, 20,000-person SQLite ledger: a sync with nothing new, one person's progress, every report.",
        discussion: """
            The sync is measured on its ledger side (the duplicate check of one completion per person, \
            then the route update of a run that wrote nothing), next to the route update over every \
            entry that each sync did before. Each report runs in a `moodle-bridge` process of its own \
            (built beside bridge-bench: swift build -c release --product moodle-bridge).
            """)

    @Option(help: "How many entries the ledger holds.") var entries = 1_000_000
    @Option(help: "Where to put the ledger, the mapping files and the reports.") var folder = ".build/bench"
    @Option(help: "The moodle-bridge binary (default: the one beside bridge-bench).") var bridge: String?
    @Flag(help: "Reuse the scale ledger an earlier run left in the folder.") var reuseLedger = false
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func run() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let bridgeURL =
            bridge.map { URL(fileURLWithPath: $0) }
            ?? executable.deletingLastPathComponent().appendingPathComponent("moodle-bridge")
        guard FileManager.default.isExecutableFile(atPath: bridgeURL.path) else {
            throw BenchError("no moodle-bridge at \(bridgeURL.path); build it or pass --bridge")
        }
        let figures = try await ScaleBenchmark(
            entries: entries, folder: URL(fileURLWithPath: folder), bridge: bridgeURL, reuseLedger: reuseLedger
        ).run { if !json { print($0) } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(figures), as: UTF8.self))
            return
        }
        func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        func mb(_ bytes: Int) -> String { f(Double(bytes) / 1_048_576, 0) + " MB" }
        print(
            """

            SQLite ledger of \(figures.entries) entries, \(figures.persons) persons, \(figures.routes) routes (built in \(f(figures.buildSeconds, 1)) s)

            | measure | MoodleBridge | before (same run) | target |
            |---|---|---|---|
            | sync with nothing new, ledger side (s) | \(f(figures.syncLedgerSeconds, 3)) | \(f(figures.duplicateCheckSeconds + figures.fullRouteUpdateSeconds, 3)) | < 5 |
            | — duplicate check, \(figures.duplicateChecks) completions (s) | \(f(figures.duplicateCheckSeconds, 3)) | | |
            | — route update (s) | \(f(figures.routeUpdateSeconds, 3)) | \(f(figures.fullRouteUpdateSeconds, 3)) (every entry) | |
            | one person's progress, p50 / p95 (ms) | \(f(figures.personProgress.p50Milliseconds, 3)) / \(f(figures.personProgress.p95Milliseconds, 3)) | | < 5 |

            Reports, each in a moodle-bridge process of its own (bridge-bench's own peak when they started: \(mb(figures.benchPeakMemoryBeforeReports))):

            | report | wall s | peak memory | output | exit | target |
            |---|---|---|---|---|---|
            """)
        for report in figures.reports {
            // The targets are the reports'; `ledger verify` is measured beside them, its memory bounded.
            let target = ScaleBenchmark.reportKinds.contains(report.kind) ? "< 10 s, < 500 MB" : "—"
            print(
                "| \(report.kind) | \(f(report.wallSeconds)) | \(mb(report.peakMemoryBytes)) | \(f(Double(report.outputBytes) / 1_048_576, 1)) MB | \(report.exitStatus) | \(target) |"
            )
        }
    }
}

struct ConsoleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract:
            "The web console over the scale ledger: learner search, learner card and dashboard, next to the certificates report.",
        discussion: """
            The console runs in this process on a loopback port; a viewer account signs in over HTTP \
            and each page is asked --requests times after --warmups untimed requests. The certificates \
            report of the same ledger runs through the ExportReport use case in this process, CSV files \
            made in memory.
            """)

    @Option(help: "How many entries the ledger holds.") var entries = 1_000_000
    @Option(help: "How many persons (each with a route).") var persons = 20_000
    @Option(help: "Timed requests per page.") var requests = 200
    @Option(help: "Timed requests of the dashboard (default: --requests).") var dashboardRequests: Int?
    @Option(help: "Untimed requests per page before the timed ones.") var warmups = 5
    @Option(help: "Where to put the ledger.") var folder = ".build/bench"
    @Flag(help: "Reuse the console ledger an earlier run of the same size left in the folder.") var reuseLedger = false
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func validate() throws {
        guard entries > 0, persons > 0, persons <= entries else {
            throw ValidationError("--entries and --persons must be positive, and persons at most entries")
        }
        guard requests > 0, (dashboardRequests ?? 1) > 0, warmups >= 0 else {
            throw ValidationError("--requests and --dashboard-requests must be positive, --warmups not negative")
        }
    }

    func run() async throws {
        let figures = try await ConsoleBenchmark(
            entries: entries, persons: persons, requests: requests,
            dashboardRequests: dashboardRequests ?? requests, warmups: warmups,
            folder: URL(fileURLWithPath: folder), reuseLedger: reuseLedger
        ).run { if !json { print($0) } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(figures), as: UTF8.self))
            return
        }
        func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
        print(
            """

            SQLite ledger of \(figures.entries) entries, \(figures.persons) persons, \(figures.routes) routes (built in \(f(figures.buildSeconds)) s)

            | page | requests | p50 ms | p95 ms | max ms | target (p95) | |
            |---|---|---|---|---|---|---|
            """)
        for page in figures.pages {
            print(
                "| \(page.page) | \(page.requests) | \(f(page.p50Milliseconds)) | \(f(page.p95Milliseconds)) | \(f(page.maxMilliseconds)) | < \(f(page.targetMilliseconds, 0)) ms | \(page.met ? "met" : "NOT met") |"
            )
        }
        print(
            "\nBaseline, same run and ledger: the certificates report (ExportReport + CSV, in process), \(figures.reportRows) rows: \(f(figures.reportSeconds * 1_000, 0)) ms"
        )
        print("\nIn process, no HTTP (median of 5 calls):\n\n| step | ms |\n|---|---|")
        for step in figures.profile { print("| \(step.step) | \(f(step.medianMilliseconds)) |") }
    }
}

struct JSONBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract:
            "MoodleClient's JSON parser next to JSONSerialization and JSONDecoder: time, number literals, errors.")

    @Option(help: "The folder of captured Moodle bodies.") var captures = "Fixtures/moodle"
    @Option(help: "The size of the large generated body, in MB.") var largeMegabytes = 12
    @Option(help: "How long each parser runs on each input, at least, in seconds.") var seconds = 2.0
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func run() throws {
        let figures = try JSONParseBenchmark(
            captures: URL(fileURLWithPath: captures), largeBytes: largeMegabytes * 1_048_576, minimumSeconds: seconds
        ).run { if !json { print($0) } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(figures), as: UTF8.self))
            return
        }
        func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
        let mb = { (bytes: Int) in f(Double(bytes) / 1_048_576, 1) }
        print(
            "\n| parser | \(figures.captureFiles) captures, \(mb(figures.captureBytes)) MB: ms | MB/s | large body, \(mb(figures.largeBodyBytes)) MB: ms | MB/s |"
        )
        print("|---|---|---|---|---|")
        for (small, large) in zip(figures.capturesTimings, figures.largeBodyTimings) {
            print(
                "| \(small.parser) | \(f(small.medianSeconds * 1_000, 1)) | \(f(small.megabytesPerSecond, 0)) | \(f(large.medianSeconds * 1_000, 1)) | \(f(large.megabytesPerSecond, 0)) |"
            )
        }
        print("\n| literal | MoodleClient | JSONSerialization | JSONDecoder as Double | JSONDecoder as Decimal |")
        print("|---|---|---|---|---|")
        for literal in figures.literals {
            print(
                "| `\(literal.literal)` | `\(literal.moodleClient)` | `\(literal.jsonSerialization)` | `\(literal.jsonDecoderDouble)` | `\(literal.jsonDecoderDecimal)` |"
            )
        }
        print("\nThe large body, malformed:")
        for finding in figures.malformed {
            print(
                "- \(finding.body), \(finding.parser) (\(finding.givesPosition ? "gives" : "does not give") the position): \(finding.message)"
            )
        }
        print(
            "\nCaptures whose tree changes when parsed by JSONSerialization: \(figures.capturesChangedThroughFoundation.count) of \(figures.captureFiles) (\(figures.capturesChangedThroughFoundation.joined(separator: ", ")))"
        )
        print("Not JSON (left out): \(figures.notJSON.joined(separator: ", "))")
    }
}

struct MappingsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mappings",
        abstract: "`mappings check` on a generated region at 1×, 2× and 4× the modules: the time must grow linearly.")

    @Option(help: "Generated modules at 1×.") var modules = 20_000
    @Option(help: "The example region the generated modules join.") var examples = "Mappings"
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func run() throws {
        let sizes = try MappingBenchmark(modules: modules, examples: URL(fileURLWithPath: examples))
            .run { if !json { print($0) } }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(sizes), as: UTF8.self))
            return
        }
        func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        print(
            "\n| modules | file MB | Yams parse s | whole check s | of which validation s | check ÷ previous size | diagnostics |"
        )
        print("|---|---|---|---|---|---|---|")
        for (index, size) in sizes.enumerated() {
            let ratio = index == 0 ? "" : f(size.checkSeconds / sizes[index - 1].checkSeconds) + "×"
            print(
                "| \(size.modules) | \(f(Double(size.bytes) / 1_048_576, 1)) | \(f(size.parseSeconds)) | \(f(size.checkSeconds)) | \(f(size.validateSeconds, 3)) | \(ratio) | \(size.diagnostics) |"
            )
        }
        print("(Each size doubles the modules: linear checking shows ratios near 2×, quadratic near 4×.)")
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
