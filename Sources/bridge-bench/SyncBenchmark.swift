import BridgeConfig
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import LedgerSQLite
import Logging
import MoodleClient

/// The sync against a fake Moodle with a real Moodle's latency, next to the naive per-user,
/// per-course pull that hand-written scripts do. Each side runs in a child process, so its peak
/// memory is its own.
struct SyncBenchmark {
    var users: Int
    var courses: Int
    var folder: URL
    var executable: URL
    var includeTenfold: Bool

    struct Side: Codable {
        var requests: Int
        var wallSeconds: Double
        var peakMemoryBytes: Int
        var newCredits: Int
    }

    struct Scenario: Codable {
        var name: String
        /// `report-builder` or `classic`, and whether batching was allowed.
        var path: String
        var bridge: Side
        var naive: Side
        var requestRatio: Double
        var wallTimeRatio: Double
        /// The issue's targets for this scenario, and whether this run met them.
        var target: String?
        var met: Bool?
    }

    struct Figures: Codable {
        var users: Int
        var courses: Int
        var completions: Int
        var enrolments: Int
        var latency: String
        var scenarios: [Scenario]
        var tenfold: Side?
        var tenfoldMemoryRatio: Double?
    }

    static func configuration(_ url: URL, classic: Bool = false) -> RegionConfiguration {
        RegionConfiguration(
            mapping: RegionMapping(
                sites: [SiteConfig(id: "bench", name: "bench", hoursField: "hours", identity: [.email])],
                programs: [
                    ProgramMapping(program: Program(id: "PK-72", title: "Free", kind: .freeChoice(allowed: nil)))
                ]),
            connections: [
                "bench": SiteConnection(
                    site: "bench", baseURL: url, token: .environment("UNUSED"), completionReportID: classic ? nil : 1)
            ])
    }

    /// Only the memory comparison: a full sync of the site and of one ten times larger (report path).
    func memory(progress: (String) -> Void) async throws -> (base: Side, tenfold: Side) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var sides: [Side] = []
        for (seed, size) in [(UInt64(1), users), (UInt64(2), users * 10)] {
            var scenario = FakeMoodle.Scenario.generate(seed: seed, users: size, courses: courses, completionRate: 1.0 / 3)
            scenario.reports[0].columns = ReportColumn.complete
            let server = FakeMoodleServer(scenario: scenario)
            server.latency = .measured
            let url = try await server.start()
            let ledger = folder.appendingPathComponent("bench-memory-\(size).sqlite").path
            for suffix in ["", "-wal", "-shm", ".lock", ".checkpoint"] {
                try? FileManager.default.removeItem(atPath: ledger + suffix)
            }
            progress("report path: full sync of \(size) learners…")
            var side = try child(mode: "full", url: url, ledger: ledger)
            side.requests = server.totalRequestCount
            await server.stop()
            progress("  \(side.requests) requests, \(String(format: "%.2f", side.wallSeconds)) s, peak \(side.peakMemoryBytes / 1_048_576) MB")
            sides.append(side)
        }
        return (sides[0], sides[1])
    }

    func run(progress: (String) -> Void) async throws -> Figures {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The report as the README's recipe builds it: every column identity needs, so no look-ups.
        var scenario = FakeMoodle.Scenario.generate(seed: 1, users: users, courses: courses, completionRate: 1.0 / 3)
        scenario.reports[0].columns = ReportColumn.complete
        let server = FakeMoodleServer(scenario: scenario)
        server.latency = .measured
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let ledger = folder.appendingPathComponent("bench-sync.sqlite").path
        let batchedLedger = ledger + "-classic-batched"
        let plainLedger = ledger + "-classic-plain"
        let lackingLedger = ledger + "-lacking-columns"
        for path in [ledger, batchedLedger, plainLedger, lackingLedger, ledger + "-10x"] {
            for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }

        func measure(_ mode: String, ledger: String, classic: Bool = false) throws -> Side {
            server.resetCounters()
            var side = try child(mode: mode, url: url, ledger: ledger, classic: classic)
            side.requests = server.totalRequestCount
            return side
        }
        func report(_ side: Side) -> String {
            "  \(side.requests) requests, \(String(format: "%.2f", side.wallSeconds)) s"
        }
        progress("naive baseline: every enrolled user's completion status, course by course, one request at a time…")
        let naive = try measure("naive", ledger: ledger + "-naive")
        progress(report(naive))
        progress("report path: full sync…")
        let full = try measure("full", ledger: ledger)
        progress(report(full))
        progress("report path: incremental sync, nothing changed…")
        let unchanged = try measure("incremental", ledger: ledger)
        progress(report(unchanged))
        progress("report path, a report without the name columns: full sync (it looks up each new learner)…")
        var lacking = scenario
        lacking.reports[0].columns = ReportColumn.captured
        let lackingServer = FakeMoodleServer(scenario: lacking)
        lackingServer.latency = .measured
        let lackingURL = try await lackingServer.start()
        var lackingFull = try child(mode: "full", url: lackingURL, ledger: lackingLedger)
        lackingFull.requests = lackingServer.totalRequestCount
        await lackingServer.stop()
        progress(report(lackingFull))
        progress("classic path, batched: full sync…")
        let classicFull = try measure("full", ledger: batchedLedger, classic: true)
        progress(report(classicFull))
        progress("classic path, batched: incremental sync, nothing changed…")
        let classicUnchanged = try measure("incremental", ledger: batchedLedger, classic: true)
        progress(report(classicUnchanged))
        server.removeFunction(MoodleFunction.callExternalFunctions, fromService: "credit_bridge")
        progress("classic path, without batching: full sync…")
        let plainFull = try measure("full", ledger: plainLedger, classic: true)
        progress(report(plainFull))
        progress("classic path, without batching: incremental sync, nothing changed…")
        let plainUnchanged = try measure("incremental", ledger: plainLedger, classic: true)
        progress(report(plainUnchanged))
        let fresh = scenario.enrolments.filter { enrolment in
            !scenario.completions.contains { $0.userID == enrolment.userID && $0.courseID == enrolment.courseID }
        }
        let added = max(1, scenario.completions.count / 100)
        for enrolment in fresh.prefix(added) {
            server.complete(
                userID: enrolment.userID, courseID: enrolment.courseID, at: (scenario.site.currentTime ?? 0) - 600)
        }
        progress("report path: incremental sync after \(added) new completions (1%)…")
        let onePercent = try measure("incremental", ledger: ledger)
        progress(report(onePercent))

        var tenfold: Side?
        if includeTenfold {
            progress("bridge: full sync of a site ten times larger…")
            var bigScenario = FakeMoodle.Scenario.generate(
                seed: 2, users: users * 10, courses: courses, completionRate: 1.0 / 3)
            bigScenario.reports[0].columns = ReportColumn.complete
            let big = FakeMoodleServer(scenario: bigScenario)
            big.latency = .measured
            let bigURL = try await big.start()
            tenfold = try child(mode: "full", url: bigURL, ledger: ledger + "-10x")
            tenfold?.requests = big.totalRequestCount
            await big.stop()
        }
        let learners = Set(scenario.enrolments.map(\.userID)).count
        func compare(
            _ name: String, _ path: String, _ bridge: Side, target: String? = nil,
            holds: ((_ requestRatio: Double, _ wallRatio: Double) -> Bool)? = nil
        ) -> Scenario {
            let requestRatio = Double(naive.requests) / Double(max(1, bridge.requests))
            let wallRatio = naive.wallSeconds / max(0.001, bridge.wallSeconds)
            return Scenario(
                name: name, path: path, bridge: bridge, naive: naive, requestRatio: requestRatio,
                wallTimeRatio: wallRatio, target: target, met: holds?(requestRatio, wallRatio))
        }
        let perLearner = Double(plainUnchanged.requests) / Double(max(1, learners))
        return Figures(
            users: users, courses: courses, completions: scenario.completions.count,
            enrolments: scenario.enrolments.count,
            latency: "per function, fitted to the captures of a real Moodle 5.1 (LatencyModel.measured)",
            scenarios: [
                compare(
                    "full sync", "report-builder", full, target: "≥ 500× fewer requests, ≥ 100× less wall time",
                    holds: { $0 >= 500 && $1 >= 100 }),
                compare(
                    "incremental, nothing changed", "report-builder", unchanged, target: "≤ 3 requests",
                    holds: { _, _ in unchanged.requests <= 3 }),
                compare("incremental, 1% new completions", "report-builder", onePercent),
                compare("full sync, report without the name columns", "report-builder", lackingFull),
                compare(
                    "full sync", "classic, batched", classicFull, target: "≥ 50× fewer requests",
                    holds: { ratio, _ in ratio >= 50 }),
                compare("incremental, nothing changed", "classic, batched", classicUnchanged),
                compare(
                    "full sync", "classic, not batched", plainFull, target: "≥ 2× fewer requests",
                    holds: { ratio, _ in ratio >= 2 }),
                compare(
                    "incremental, nothing changed", "classic, not batched", plainUnchanged,
                    target: "about one request per learner (\(String(format: "%.2f", perLearner)) for \(learners))",
                    holds: { _, _ in perLearner <= 1.1 }),
            ],
            tenfold: tenfold,
            tenfoldMemoryRatio: tenfold.map { Double($0.peakMemoryBytes) / Double(max(1, full.peakMemoryBytes)) })
    }

    private func child(mode: String, url: URL, ledger: String, classic: Bool = false) throws -> Side {
        let process = Process()
        process.executableURL = executable
        process.arguments =
            ["sync-side", "--mode", mode, "--url", url.absoluteString, "--ledger", ledger]
            + (classic ? ["--classic"] : [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("the \(mode) side failed") }
        return try JSONDecoder().decode(Side.self, from: data)
    }
}

/// One side of the sync benchmark, in its own process.
enum SyncSide {
    static func run(mode: String, url: URL, ledgerPath: String, classic: Bool) async throws -> SyncBenchmark.Side {
        let started = ContinuousClock.now
        let moodle = MoodleSite(
            configuration: MoodleSiteConfiguration(
                baseURL: url, token: MoodleToken(FakeMoodle.Scenario.serviceToken), language: "en"))
        var credits = 0
        if mode == "naive" {
            credits = try await naive(moodle)
        } else {
            let ledger = try SQLiteLedger(path: ledgerPath)
            let configuration = SyncBenchmark.configuration(url, classic: classic)
            let summary = await SyncRunner(
                configuration: configuration, ledger: ledger, logger: Logger(label: "bench")
            ) { _, _ in moodle }
            .run(
                sites: nil,
                options: SyncOptions(
                    isFull: mode == "full", now: Date(), runID: "bench-\(mode)-\(UUID().uuidString.prefix(8))"),
                progress: { _ in })
            guard summary.failures.isEmpty else { throw BenchError("sync failed: \(summary.failures.map(\.message))") }
            credits = summary.newCredits
        }
        let elapsed = ContinuousClock.now - started
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return SyncBenchmark.Side(
            requests: moodle.totalRequestCount,
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakMemoryBytes: usage.ru_maxrss * 1024, newCredits: credits)
    }

    /// What hand-written scripts do: for each course, page through its participants, then ask each
    /// one's completion status, one request at a time.
    static func naive(_ moodle: MoodleSite) async throws -> Int {
        var completed = 0
        for course in try await moodle.courses(by: .all).courses where course.id != 1 {
            var offset = 0
            while true {
                let page = try await moodle.enrolledUsers(
                    courseID: course.id, options: MoodleEnrolledUsersOptions(limitFrom: offset, limitNumber: 100))
                for user in page {
                    do {
                        if try await moodle.courseCompletionStatus(courseID: course.id, userID: user.id).completed {
                            completed += 1
                        }
                    } catch let error as MoodleError where !error.isTransient {
                        continue  // usernotenroled and the like: the script moves on
                    }
                }
                if page.count < 100 { break }
                offset += 100
            }
        }
        return completed
    }
}
