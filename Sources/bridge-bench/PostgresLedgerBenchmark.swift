#if PostgreSQL
    import CreditCore
    import Foundation
    import LedgerPostgres

    /// The PostgreSQL ledger: append, re-import and totals, next to `psql \copy` of the same rows
    /// into the same table shape, in the same run.
    struct PostgresLedgerBenchmark {
        var url: String
        var entries: Int
        var batchSize: Int
        var folder: URL

        struct Figures: Encodable {
            var entries: Int
            var bridgeAppendSeconds: Double
            var bridgeEntriesPerSecond: Double
            var psqlCopySeconds: Double
            var psqlRowsPerSecond: Double
            var appendRatioToPsql: Double
            var reimportRowsPerSecond: Double
            var personTotalsSeconds: Double
            var monthlyTotalsSeconds: Double
        }

        func run(progress: (String) -> Void) async throws -> Figures {
            let schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
            let copySchema = schema + "_copy"
            let configuration = try PostgresLedger.Configuration(url: url, schema: schema)
            let ledger = try await PostgresLedger(configuration: configuration)
            defer { Task { await ledger.close() } }
            try await LedgerBenchmark.appendPersons(to: ledger)
            progress("appending \(entries) entries through PostgresLedger in batches of \(batchSize)…")
            let appendSeconds = try await time {
                try await LedgerBenchmark.appendGenerated(entries, batchSize: batchSize, prefix: "b", to: ledger)
            }
            progress("re-importing the same keys…")
            let reimportSeconds = try await time {
                try await LedgerBenchmark.appendGenerated(entries, batchSize: batchSize, prefix: "r", to: ledger)
            }
            let personSeconds = try await time { _ = try await ledger.personTotals() }
            let monthlySeconds = try await time { _ = try await ledger.monthlyTotals(utcOffsetSeconds: 10_800) }

            progress("the same rows through psql \\copy…")
            let csv = folder.appendingPathComponent("bench-pg-rows.csv").path
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try psql("\\copy (SELECT * FROM \(schema).entries ORDER BY position) TO '\(csv)' CSV")
            try psql(
                "CREATE SCHEMA \(copySchema); CREATE TABLE \(copySchema).entries (LIKE \(schema).entries INCLUDING ALL)"
            )
            let start = ContinuousClock.now
            try psql("\\copy \(copySchema).entries FROM '\(csv)' CSV")
            let copySeconds = (ContinuousClock.now - start).benchSeconds
            try psql("DROP SCHEMA \(copySchema) CASCADE; DROP SCHEMA \(schema) CASCADE")
            return Figures(
                entries: entries, bridgeAppendSeconds: appendSeconds,
                bridgeEntriesPerSecond: Double(entries) / appendSeconds, psqlCopySeconds: copySeconds,
                psqlRowsPerSecond: Double(entries) / copySeconds, appendRatioToPsql: copySeconds / appendSeconds,
                reimportRowsPerSecond: Double(entries) / reimportSeconds, personTotalsSeconds: personSeconds,
                monthlyTotalsSeconds: monthlySeconds)
        }

        private func psql(_ command: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw BenchError("psql failed: \(command.prefix(80))") }
        }
    }

    extension Duration {
        var benchSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    }
#endif
