import BridgeSync
import CreditCore
import Foundation
import LedgerSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// A ledger at the region's full scale (1,000,000 entries, 20,000 persons, a route each) and what
/// reads it: the ledger side of a sync with nothing new, one person's progress, and every report,
/// each report run by the `moodle-bridge` binary in a process of its own for its wall time and peak
/// memory.
struct ScaleBenchmark {
    var entries: Int
    var folder: URL
    /// The `moodle-bridge` binary the reports run in.
    var bridge: URL
    /// Keep a scale ledger an earlier run left in the folder instead of building it again.
    var reuseLedger = false

    struct Figures: Encodable {
        var entries: Int
        var persons: Int
        var routes: Int
        var buildSeconds: Double
        /// The sync's duplicate check: one `contains(idempotencyKey:)` per completion a site lists,
        /// for one completion of every person.
        var duplicateChecks: Int
        var duplicateCheckSeconds: Double
        /// The route update after a run that wrote nothing: the persons it changed (none) and the
        /// routes the moment expired.
        var routeUpdateSeconds: Double
        /// The route update judging every route from every entry, as every sync did before.
        var fullRouteUpdateSeconds: Double
        var syncLedgerSeconds: Double { duplicateCheckSeconds + routeUpdateSeconds }
        var personProgress: PersonProgressTiming
        var reports: [Report]
        /// This process's own peak memory when the reports started (a floor under theirs).
        var benchPeakMemoryBeforeReports: Int
    }

    struct Report: Encodable {
        var kind: String
        var wallSeconds: Double
        var peakMemoryBytes: Int
        var outputBytes: Int
        var exitStatus: Int32
    }

    static let reportKinds = ["centres", "statements", "certificates", "plan", "reconciliation"]

    func run(progress: (String) -> Void) async throws -> Figures {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ledgerPath = folder.appendingPathComponent("scale-ledger.sqlite").path
        let reuse = reuseLedger && FileManager.default.fileExists(atPath: ledgerPath)
        if !reuse {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledgerPath + suffix) }
        }
        let mappings = folder.appendingPathComponent("scale-mappings")
        try writeMappings(to: mappings)

        progress(
            reuse
                ? "reusing \(ledgerPath)…"
                : "building a ledger of \(entries) entries, \(LedgerBenchmark.persons) persons…")
        let ledger = try SQLiteLedger(path: ledgerPath)
        let held = try await ledger.entryCount()
        guard !reuse || held == entries else {
            throw BenchError("\(ledgerPath) does not hold \(entries) entries; run without --reuse-ledger")
        }
        let buildSeconds =
            reuse
            ? 0
            : try await time {
                try await LedgerBenchmark.appendPersons(to: ledger)
                try await LedgerBenchmark.appendGenerated(entries, batchSize: 10_000, prefix: "s", to: ledger)
                try await ledger.openRoutes(Self.routes())
                // Every route's verdict recorded, as the bridge's own writes leave them (verify checks them).
                _ = try await RouteKeeper(mapping: try scaleMapping(), timeZone: TimeZone(secondsFromGMT: 10_800)!)
                    .update(ledger: ledger, now: Date())
            }
        // The reports first, while this process is small: a child's peak memory as the kernel counts
        // it is never below its parent's at the moment it was started.
        let parentPeakBeforeReports = Self.peakMemoryBytes()
        var reports: [Report] = []
        for kind in Self.reportKinds {
            progress("report \(kind)…")
            let out = folder.appendingPathComponent("scale-\(kind).csv")
            try? FileManager.default.removeItem(at: out)
            let child = try ChildProcess.run(
                bridge.path,
                [
                    "report", kind, "--ledger", ledgerPath, "--mappings", mappings.path, "--format", "csv", "--out",
                    out.path,
                ])
            let size = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
            reports.append(
                Report(
                    kind: kind, wallSeconds: child.wallSeconds, peakMemoryBytes: child.peakMemoryBytes,
                    outputBytes: size, exitStatus: child.status))
        }
        // `ledger verify` streams the entries, then reads the derived state one slice of persons at a time.
        progress("ledger verify…")
        let verify = try ChildProcess.run(
            bridge.path, ["ledger", "verify", "--ledger", ledgerPath, "--mappings", mappings.path])
        reports.append(
            Report(
                kind: "ledger verify", wallSeconds: verify.wallSeconds, peakMemoryBytes: verify.peakMemoryBytes,
                outputBytes: 0, exitStatus: verify.status))
        let mapping = try scaleMapping()
        let keeper = RouteKeeper(mapping: mapping, timeZone: TimeZone(secondsFromGMT: 10_800)!)
        let now = Date()
        progress("the route update over every entry (as before)…")
        let fullSeconds = try await time { _ = try await keeper.update(ledger: ledger, now: now) }

        progress("a sync with nothing new, its ledger side…")
        let keys = (0..<LedgerBenchmark.persons).map { "bench/\(entries - 1 - $0)" }
        let checkSeconds = try await time {
            for key in keys where !(try await ledger.contains(idempotencyKey: key)) {
                throw BenchError("\(key) is not in the ledger")
            }
        }
        let count = try await ledger.entryCount()
        let updateSeconds = try await time {
            let changed = Set(try await ledger.entries(after: count).map(\.person))
            _ = try await keeper.update(ledger: ledger, now: now, persons: changed)
        }
        progress("one person's progress, 1,000 persons…")
        let personProgress = try await PersonProgressTiming.measure(on: ledger, persons: 1_000)

        return Figures(
            entries: entries, persons: LedgerBenchmark.persons, routes: LedgerBenchmark.persons,
            buildSeconds: buildSeconds, duplicateChecks: keys.count, duplicateCheckSeconds: checkSeconds,
            routeUpdateSeconds: updateSeconds, fullRouteUpdateSeconds: fullSeconds, personProgress: personProgress,
            reports: reports, benchPeakMemoryBeforeReports: parentPeakBeforeReports)
    }

    /// This process's peak resident memory so far.
    static func peakMemoryBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// A route per person: even persons in the 72-hour program from before their first credit (they
    /// complete), odd ones in a long program from a day inside their credits (they expire part-way,
    /// each with a statement of the modules passed).
    static func routes(persons: Int = LedgerBenchmark.persons) -> [Route] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 10_800)!
        let short = Program(id: "PK-72", title: "", kind: .freeChoice(allowed: nil))
        let long = Program(id: "PK-LONG", title: "", kind: .freeChoice(allowed: nil), targetHours: 700)
        return (0..<persons).map { index in
            let person = PersonID("P\(index)")
            let program = index.isMultiple(of: 2) ? short : long
            let start = Date(timeIntervalSince1970: index.isMultiple(of: 2) ? 1_735_000_000 : 1_736_100_000)
            return program.openRoute(
                id: RouteID("\(program.id)/\(person)"), for: person, start: start, calendar: calendar)
        }
    }

    /// Every generated module (hours as the generator gives them) and the two programs; no site,
    /// so the reconciliation reads the ledger alone.
    func writeMappings(to folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var modules = "version: 1\nmodules:\n"
        for (id, hours, form) in Self.modules() {
            modules += "  - { id: \(id), title: Модуль \(id), hours: \(hours), form: \(form) }\n"
        }
        try modules.write(to: folder.appendingPathComponent("modules.yaml"), atomically: true, encoding: .utf8)
        let programs = """
            version: 1
            programs:
              - { id: PK-72, title: "Свободный выбор (72 ч)", kind: free-choice, modules: all }
              - { id: PK-LONG, title: "Длинная программа (700 ч)", kind: free-choice, modules: all, target_hours: 700 }

            """
        try programs.write(to: folder.appendingPathComponent("programs.yaml"), atomically: true, encoding: .utf8)
    }

    /// The modules the generator credits: id, hours, form.
    static func modules(entries: Int = 1_000_000, persons: Int = LedgerBenchmark.persons) -> [(String, Int, String)] {
        var seen: Set<String> = []
        var modules: [(String, Int, String)] = []
        for index in stride(from: 0, to: max(entries, 1_000_000), by: persons) {
            let draft = LedgerBenchmark.draft(index, persons: persons)
            guard seen.insert(draft.module.rawValue).inserted else { continue }
            modules.append((draft.module.rawValue, draft.hours.value, draft.form.rawValue))
        }
        return modules
    }

    func scaleMapping() throws -> RegionMapping { Self.mapping() }

    /// The generated modules and the two programs, for a ledger of `entries` entries, `persons` persons.
    static func mapping(entries: Int = 1_000_000, persons: Int = LedgerBenchmark.persons) -> RegionMapping {
        let modules = Self.modules(entries: entries, persons: persons).map { id, hours, form in
            ModuleMapping(
                module: Module(
                    id: ModuleID(id), title: id, hours: CreditHours(hours), form: StudyForm(rawValue: form)!),
                courses: [])
        }
        let short = Program(id: "PK-72", title: "", kind: .freeChoice(allowed: nil))
        let long = Program(id: "PK-LONG", title: "", kind: .freeChoice(allowed: nil), targetHours: 700)
        return RegionMapping(
            modules: modules, programs: [ProgramMapping(program: short), ProgramMapping(program: long)])
    }
}

/// A child process, its wall time and its peak resident memory (from `wait4`).
struct ChildProcess {
    var status: Int32
    var wallSeconds: Double
    var peakMemoryBytes: Int

    static func run(_ path: String, _ arguments: [String]) throws -> ChildProcess {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + environment { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environment)
        guard spawned == 0 else { throw BenchError("could not start \(path): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(errno)") }
        }
        let elapsed = ContinuousClock.now - start
        return ChildProcess(
            status: (status >> 8) & 0xff,
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakMemoryBytes: usage.ru_maxrss * 1024)
    }
}
