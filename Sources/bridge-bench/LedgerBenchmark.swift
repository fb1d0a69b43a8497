import CreditCore
import Foundation
import LedgerSQLite

/// Appends a large ledger through `SQLiteLedger` and the same rows through the `sqlite3` shell,
/// re-imports the existing keys, and times the report totals; reports rates and ratios.
struct LedgerBenchmark {
    var entries: Int
    var batchSize: Int
    var folder: URL

    struct Figures: Encodable {
        var entries: Int
        var batchSize: Int
        var bridgeAppendSeconds: Double
        var bridgeEntriesPerSecond: Double
        var shellInsertSeconds: Double
        var shellRowsPerSecond: Double
        var appendRatioToShell: Double
        var reimportSeconds: Double
        var reimportRowsPerSecond: Double
        var personTotalsSeconds: Double
        var monthlyTotalsSeconds: Double
        var shellTotalsSeconds: Double
        var totalsRatioToShell: Double
        var persons: Int
        /// One person's progress (their entries read by index, then the projection), over 1,000 persons.
        var personProgress: PersonProgressTiming
    }

    static let persons = 20_000
    static let modules = 40

    /// The i-th generated credit: persons and modules cycle, dates spread over two years.
    static func draft(_ index: Int) -> LedgerBatch.Draft { draft(index, persons: persons) }

    /// The i-th generated credit among `persons` persons.
    static func draft(_ index: Int, persons: Int) -> LedgerBatch.Draft {
        let person = index % persons
        let module = (index / persons) % modules
        let form: StudyForm = [.distance, .inPerson, .seminar][module % 3]
        return LedgerBatch.Draft(
            person: PersonID("P\(person)"), module: ModuleID("M\(module)-\(index / (persons * modules))"),
            hours: CreditHours(2 + (module * 7) % 35), form: form,
            occurredAt: Date(timeIntervalSince1970: 1_735_689_600 + Double(index % 63_072_000)),
            source: .moodle(site: "ripk", courseID: module, userID: person), idempotencyKey: "bench/\(index)")
    }

    /// Saves the generated persons, so totals can group by category.
    static func appendPersons(to ledger: any LedgerStore, count: Int = persons) async throws {
        let persons = (0..<count).map { i in
            Person(
                id: PersonID("P\(i)"), lastName: "Фамилия\(i)", firstName: "Имя",
                category: LearnerCategory.allCases[i % 3])
        }
        _ = try await ledger.append(
            LedgerBatch(
                id: "persons", kind: .manual, actor: "bench", description: "persons", recordedAt: Date(),
                persons: persons))
    }

    /// Appends the first `count` generated entries in batches; `prefix` keeps batch ids apart.
    static func appendGenerated(
        _ count: Int, batchSize: Int, prefix: String, persons: Int = persons, to ledger: any LedgerStore
    ) async throws {
        for start in stride(from: 0, to: count, by: batchSize) {
            let drafts = (start..<min(start + batchSize, count)).map { Self.draft($0, persons: persons) }
            _ = try await ledger.append(
                LedgerBatch(
                    id: BatchID("\(prefix)\(start)"), kind: .sync, actor: "bench", description: "bench",
                    recordedAt: Date(), entries: drafts))
        }
    }

    func run(progress: (String) -> Void) async throws -> Figures {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ledgerPath = folder.appendingPathComponent("bench-ledger.sqlite").path
        let shellPath = folder.appendingPathComponent("bench-shell.sqlite").path
        for path in [ledgerPath, shellPath] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let ledger = try SQLiteLedger(path: ledgerPath)
        try await Self.appendPersons(to: ledger)

        progress("appending \(entries) entries through SQLiteLedger in batches of \(batchSize)…")
        let appendSeconds = try await time {
            try await Self.appendGenerated(entries, batchSize: batchSize, prefix: "b", to: ledger)
        }
        progress("  \(Int(Double(entries) / appendSeconds)) entries/s")
        progress("re-importing the same \(entries) keys…")
        let reimportSeconds = try await time {
            try await Self.appendGenerated(entries, batchSize: batchSize, prefix: "r", to: ledger)
        }
        let count = try await ledger.entryCount()
        guard count == entries else { throw BenchError("the re-import wrote \(count - entries) entries") }
        progress("computing totals…")
        let personSeconds = try await time { _ = try await ledger.personTotals() }
        let monthlySeconds = try await time { _ = try await ledger.monthlyTotals(utcOffsetSeconds: 10_800) }

        progress("one person's progress, 1,000 persons…")
        let personProgress = try await PersonProgressTiming.measure(on: ledger, persons: 1_000)

        progress("the same rows through the sqlite3 shell…")
        let shell = try ShellBaseline(folder: folder, database: shellPath, source: ledgerPath)
        let shellInsert = try shell.insertSeconds()
        let shellTotals = try shell.totalsSeconds()
        return Figures(
            entries: entries, batchSize: batchSize, bridgeAppendSeconds: appendSeconds,
            bridgeEntriesPerSecond: Double(entries) / appendSeconds, shellInsertSeconds: shellInsert,
            shellRowsPerSecond: Double(entries) / shellInsert, appendRatioToShell: shellInsert / appendSeconds,
            reimportSeconds: reimportSeconds, reimportRowsPerSecond: Double(entries) / reimportSeconds,
            personTotalsSeconds: personSeconds, monthlyTotalsSeconds: monthlySeconds, shellTotalsSeconds: shellTotals,
            totalsRatioToShell: shellTotals / (personSeconds + monthlySeconds), persons: Self.persons,
            personProgress: personProgress)
    }
}

/// The time to read one person's entries and judge their route, p50 and p95 over many persons.
struct PersonProgressTiming: Encodable {
    var persons: Int
    var p50Milliseconds: Double
    var p95Milliseconds: Double
    var maxMilliseconds: Double

    /// A free-choice 72-hour program over every module, the route starting before the generated
    /// credits.
    static let program = Program(
        id: "PK-72", title: "bench", kind: .freeChoice(allowed: nil), targetHours: CreditHours(72))

    static func route(of person: PersonID) -> Route {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 10_800)!
        return program.openRoute(
            id: RouteID("PK-72/\(person)"), for: person, start: Date(timeIntervalSince1970: 1_735_000_000),
            calendar: calendar)
    }

    static func measure(on ledger: any LedgerStore, persons count: Int) async throws -> PersonProgressTiming {
        let now = Date()
        var samples: [Double] = []
        for index in 0..<count {
            let person = PersonID("P\((index * 7_919) % LedgerBenchmark.persons)")
            let route = route(of: person)
            let seconds = try await time {
                let progress = try await ledger.projection(of: person).progress(of: route, program: program, asOf: now)
                guard progress.hoursCredited.value > 0 else { throw BenchError("\(person) has no credited hours") }
            }
            samples.append(seconds * 1_000)
        }
        samples.sort()
        return PersonProgressTiming(
            persons: count, p50Milliseconds: samples[samples.count / 2],
            p95Milliseconds: samples[min(samples.count - 1, samples.count * 95 / 100)], maxMilliseconds: samples.last!)
    }
}

/// Wall time of `work`, in seconds.
func time(_ work: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await work()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
