import CreditCore
import Foundation
import GRDB
import Testing

/// `persons duplicates`, `persons merge` and `persons unmerge` end to end: the real executable on a
/// real SQLite file, and `ledger verify` over the merge log.
@Suite("moodle-bridge persons merge")
struct PersonsMergeCommandTests {
    let folder: URL
    var ledger: String { folder.appendingPathComponent("ledger.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) async throws -> CommandRunner.Outcome {
        try await CommandRunner.run(arguments + ["--ledger", ledger, "--mappings", "Mappings"])
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// One teacher under two SNILS (one mistyped on a sheet), both credited SEM-MMC-01, one more.
    func twoPersonsOneTeacher() async throws -> (first: String, second: String) {
        let sheet = try write(
            "sheet.csv",
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2026
            123-456-789 64;Кузнецова;Ирина;SEM-MMC-01;10.03.2026
            123-456-789 64;Кузнецова;Ирина;OCH-ADM-01;20.03.2026
            """)
        #expect(try await run(["ledger", "import", sheet]).status == 0)
        let persons = try write(
            "persons.csv",
            """
            snils;birth_date
            112-233-445 95;02.04.1980
            123-456-789 64;02.04.1980
            """)
        #expect(try await run(["persons", "import", persons]).status == 0)
        let listed = try await run(["persons", "duplicates", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let pairs = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(pairs.count == 1)
        let first = try #require((pairs.first?["first"] as? [String: Any])?["person"] as? String)
        let second = try #require((pairs.first?["second"] as? [String: Any])?["person"] as? String)
        let evidence = try #require(pairs.first?["evidence"] as? [[String: Any]])
        #expect(evidence.map { $0["key"] as? String } == ["name-and-birth-date"])
        #expect(evidence.first?["value"] as? String == "кузнецова ирина, 1980-04-02")
        return (first, second)
    }

    func hours(_ person: String) async throws -> Int {
        try await DatabaseQueue(path: ledger).read {
            try Int.fetchOne($0, sql: "SELECT hours FROM person_totals WHERE person_id = ?", arguments: [person]) ?? 0
        }
    }

    @Test("duplicates, merge (the shared module once), unmerge (the exact totals), verify")
    func mergeAndUnmerge() async throws {
        let (keep, other) = try await twoPersonsOneTeacher()
        let before = (try await hours(keep), try await hours(other))
        let merged = try await run([
            "persons", "merge", keep, other, "--reason", "опечатка в СНИЛС", "--operator", "petrova",
        ])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("Merged \(other) into \(keep)"))
        // SEM-MMC-01 counts once: KEEP gains only OTHER's second module.
        let seminar = try await DatabaseQueue(path: ledger).read {
            try Int.fetchOne($0, sql: "SELECT hours FROM entries WHERE module_id = 'SEM-MMC-01' LIMIT 1") ?? 0
        }
        #expect(try await hours(keep) == before.0 + before.1 - seminar)
        #expect(try await hours(other) == 0)
        #expect(try await run(["persons", "duplicates"]).stdout.contains("No possible duplicates."))
        #expect(try await run(["ledger", "verify"]).status == 0)

        let chain = try await run(["persons", "merge", other, keep, "--reason", "r"])
        #expect(chain.status != 0)
        #expect(chain.stderr.contains("\(other) is already merged into \(keep)"), "\(chain.stderr)")

        let unmerged = try await run(["persons", "unmerge", other, "--reason", "два человека"])
        #expect(unmerged.status == 0, "\(unmerged.stderr)")
        #expect(try await hours(keep) == before.0)
        #expect(try await hours(other) == before.1)
        #expect(try await run(["ledger", "verify"]).status == 0)
    }

    @Test("ledger verify finds a merge-log event edited by hand, and exits 2")
    func verifyAfterMergeEdit() async throws {
        let (keep, other) = try await twoPersonsOneTeacher()
        #expect(try await run(["persons", "merge", keep, other, "--reason", "r"]).status == 0)
        let queue = try DatabaseQueue(path: ledger)
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE person_merges SET reason = 'x'") }
        }
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER person_merges_refuse_update")
            try db.execute(sql: "UPDATE person_merges SET other_id = 'P-nobody' WHERE position = 1")
        }
        let outcome = try await run(["ledger", "verify"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("merge-log event number 1 (person_merges) does not match its hash"))
    }
}
