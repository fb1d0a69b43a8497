import Foundation

/// The physical reference: the `sqlite3` command-line shell inserting the same rows into the same
/// schema (the INSERT statements of `.mode insert`, read in one transaction; the schema's triggers
/// keep the standing tables, as they do for the bridge) and computing the same totals from the
/// entries, as the bridge did before it kept them.
struct ShellBaseline {
    let folder: URL
    let database: String
    let source: String

    init(folder: URL, database: String, source: String) throws {
        self.folder = folder
        self.database = database
        self.source = source
        // The rows to insert, exactly as the bridge stored them.
        let rows = folder.appendingPathComponent("bench-rows.sql").path
        try shell(source, ".mode insert entries", ".output \(rows)", "SELECT * FROM entries ORDER BY position;")
        // The same schema, read from the bridge's own database (without SQLite's own tables, such as
        // sqlite_sequence, which the shell makes itself).
        try shell(source, ".output \(folder.appendingPathComponent("bench-schema.sql").path)", ".schema --nosys")
        try shell(database, ".read \(folder.appendingPathComponent("bench-schema.sql").path)")
        try shell(
            database,
            "ATTACH '\(source)' AS src; INSERT INTO persons SELECT * FROM src.persons; INSERT INTO batches SELECT * FROM src.batches; INSERT INTO ledger_settings SELECT * FROM src.ledger_settings;"
        )
    }

    func insertSeconds() throws -> Double {
        let rows = folder.appendingPathComponent("bench-rows.sql").path
        try shell(database, ".output /dev/null", "PRAGMA journal_mode=WAL;")
        let start = ContinuousClock.now
        try shell(database, "BEGIN;", ".read \(rows)", "COMMIT;")
        return seconds(ContinuousClock.now - start)
    }

    func totalsSeconds() throws -> Double {
        let start = ContinuousClock.now
        try shell(
            database, ".output /dev/null",
            "SELECT person_id, COUNT(*), SUM(hours) FROM (SELECT person_id, module_id, MAX(hours) AS hours FROM entries e WHERE e.kind = 'credit' AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id) GROUP BY person_id, module_id) GROUP BY person_id;",
            "SELECT strftime('%Y-%m', e.occurred_at + 10800, 'unixepoch') AS month, e.form, COALESCE(p.category, 'teacher') AS category, COUNT(DISTINCT e.person_id), COUNT(*), SUM(e.hours) FROM entries e LEFT JOIN persons p ON p.id = e.person_id WHERE e.kind = 'credit' AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id) GROUP BY month, e.form, category;"
        )
        return seconds(ContinuousClock.now - start)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @discardableResult
    private func shell(_ database: String, _ commands: String...) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", database] + commands.map { $0 }
        // Errors go to a file, not a pipe: a shell with many errors would fill a pipe and stall.
        let errors = folder.appendingPathComponent("bench-sqlite3-errors.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0, message.isEmpty else {
            throw BenchError("sqlite3 failed: \(message.prefix(500))")
        }
        return process.terminationStatus
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
