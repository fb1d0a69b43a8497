import CreditCore
import Foundation
import GRDB
import Testing

/// The ledger commands end to end: the real executable on a real SQLite file.
@Suite("moodle-bridge ledger")
struct LedgerCommandTests {
    let folder: URL
    var ledger: String { folder.appendingPathComponent("ledger.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-cli-\(UUID().uuidString)")
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

    func count(_ sql: String = "SELECT COUNT(*) FROM entries") throws -> Int {
        guard FileManager.default.fileExists(atPath: ledger) else { return 0 }
        return try DatabaseQueue(path: ledger).read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    /// Creates the empty ledger by importing a sheet without rows (a read command never creates one).
    func createLedger() async throws {
        let empty = try write("empty.csv", "СНИЛС;Фамилия;Имя;Модуль;Дата\n")
        #expect(try await run(["ledger", "import", empty]).status == 0)
        #expect(FileManager.default.fileExists(atPath: ledger))
    }

    /// A sheet of `rows` learners, each passing one of the in-person modules.
    func bigSheet(rows: Int) throws -> String {
        var lines = ["СНИЛС;Фамилия;Имя;Модуль;Дата"]
        for number in 0..<rows {
            let nine = String(format: "%09d", 2_000_000 + number * 7)
            lines.append("\(nine)\(SNILS.checksum(ofFirstNine: nine));Слушатель\(number);Анна;OCH-ICT-01;14.03.2026")
        }
        return try write("big.csv", lines.joined(separator: "\n"))
    }

    let goodSheet = """
        СНИЛС;Фамилия;Имя;Модуль;Дата
        112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2026
        087-654-303 00;Орлов;Сергей;OCH-ADM-01;20.03.2026
        """

    @Test("a sheet with one bad row writes nothing and names the row and column")
    func wholeOrNothing() async throws {
        let sheet = try write("sheet.csv", goodSheet + "\n155-972-418 99;Смирнова;Галина;OCH-ICT-01;32.03.2026\n")
        let outcome = try await run(["ledger", "import", sheet])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("\(sheet): row 4, column Дата: '32.03.2026' is not a date"))
        #expect(outcome.stdout.contains("nothing was written"))
        #expect(try count() == 0)

        let skipping = try await run(["ledger", "import", sheet, "--skip-invalid"])
        #expect(skipping.status == 0)
        #expect(skipping.stdout.contains("2 new credit(s), 0 already in the ledger; skipped rows 4"))
        #expect(try count() == 2)
    }

    @Test("importing the same sheet again writes nothing new")
    func reimport() async throws {
        let sheet = try write("sheet.csv", goodSheet)
        #expect(try await run(["ledger", "import", sheet]).stdout.contains("2 new credit(s), 0 already"))
        #expect(try await run(["ledger", "import", sheet]).stdout.contains("0 new credit(s), 2 already"))
        #expect(try count() == 2)
        #expect(try count("SELECT COUNT(*) FROM batches") == 2)
    }

    @Test("an import killed half-way leaves the ledger as it was; the re-run writes everything once")
    func killedImport() async throws {
        let rows = 20_000
        let sheet = try bigSheet(rows: rows)
        try await createLedger()
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["ledger", "import", sheet, "--ledger", ledger, "--mappings", "Mappings"]
        process.currentDirectoryURL = CommandRunner.repository
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .milliseconds(Int.random(in: 150...600)))
        kill(process.processIdentifier, SIGKILL)
        await offPool { process.waitUntilExit() }
        let afterKill = try count()
        #expect(afterKill == 0 || afterKill == rows, "a killed import left \(afterKill) of \(rows) entries")
        #expect(try await run(["ledger", "verify"]).status == 0)
        let rerun = try await run(["ledger", "import", sheet])
        #expect(rerun.status == 0)
        #expect(try count() == rows)
        #expect(try await run(["ledger", "verify"]).status == 0)
    }

    @Test("two imports of the same sheet at once write each entry once")
    func concurrentImports() async throws {
        let rows = 3_000
        let sheet = try bigSheet(rows: rows)
        try await createLedger()
        async let first = Task.detached { try await run(["ledger", "import", sheet, "--format", "json"]) }.value
        async let second = Task.detached { try await run(["ledger", "import", sheet, "--format", "json"]) }.value
        let outcomes = try await [first, second]
        #expect(outcomes.map(\.status) == [0, 0])
        let written = try outcomes.map { outcome -> Int in
            let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            return object?["written"] as? Int ?? -1
        }
        #expect(written.sorted() == [0, rows])
        #expect(try count() == rows)
        #expect(try count("SELECT COUNT(DISTINCT idempotency_key) FROM entries") == rows)
    }

    @Test("ledger verify finds an entry edited by hand, and exits 2")
    func verifyAfterHandEdit() async throws {
        let sheet = try write("sheet.csv", goodSheet)
        _ = try await run(["ledger", "import", sheet])
        let queue = try DatabaseQueue(path: ledger)
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "UPDATE entries SET hours = 36") } }
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER entries_refuse_update")
            try db.execute(sql: "UPDATE entries SET hours = 36 WHERE id = 'E2'")
        }
        let outcome = try await run(["ledger", "verify"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("entry E2 (number 2 in ledger order) does not match its hash"))
    }

    @Test("ledger verify finds a per-person total changed by hand, names the table, and exits 2")
    func verifyAfterStandingEdit() async throws {
        let sheet = try write("sheet.csv", goodSheet)
        _ = try await run(["ledger", "import", sheet])
        #expect(try await run(["ledger", "verify"]).status == 0)
        let queue = try DatabaseQueue(path: ledger)
        try await queue.write { db in try db.execute(sql: "UPDATE person_totals SET hours = hours + 36") }
        let outcome = try await run(["ledger", "verify"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("the table person_totals does not match the entries"))
    }

    @Test("ledger verify judges every route again by the mapping files: a verdict set by hand is named, exit 2")
    func verifyAfterRouteEdit() async throws {
        let sheet = try write("sheet.csv", goodSheet)
        _ = try await run(["ledger", "import", sheet])
        #expect(try count("SELECT COUNT(*) FROM routes") > 0)
        let intact = try await run(["ledger", "verify"])
        #expect(intact.status == 0 && !intact.stdout.contains("Routes were not checked"), "\(intact.stdout)")
        let queue = try DatabaseQueue(path: ledger)
        try await queue.write { db in try db.execute(sql: "UPDATE routes SET status = 'completed', hours = 72") }
        let outcome = try await run(["ledger", "verify"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("is recorded as completed, 72 h but its credits give "), "\(outcome.stdout)")
    }

    @Test("a credit added by hand, then reversed")
    func addAndReverse() async throws {
        let add = [
            "ledger", "add", "--snils", "112-233-445 95", "--last-name", "Кузнецова", "--first-name", "Ирина",
            "--module", "SEM-MMC-01", "--date", "14.03.2026", "--document", "ведомость 12/26", "--operator", "Петрова",
        ]
        let added = try await run(add)
        #expect(added.status == 0)
        #expect(added.stdout == "Credited SEM-MMC-01 (6 h) to Кузнецова Ирина.\n")
        #expect(try await run(add).stdout == "This credit is already in the ledger; nothing was written.\n")
        let wrongHours = try await run(add + ["--hours", "8"])
        #expect(wrongHours.status == 1)
        #expect(wrongHours.stderr.contains("'8' does not match module SEM-MMC-01, which has 6 h"))
        let reversed = try await run([
            "ledger", "reverse", "E1", "--document", "приказ 6", "--operator", "Петрова", "--reason", "ошибка",
        ])
        #expect(reversed.stdout == "Reversed E1 (SEM-MMC-01, 6 h).\n")
        #expect(try count("SELECT COUNT(*) FROM entries WHERE kind = 'reversal' AND reverses = 'E1'") == 1)
        let again = try await run([
            "ledger", "reverse", "E1", "--document", "приказ 7", "--operator", "Петрова", "--reason", "ошибка",
        ])
        #expect(again.status == 1)
        #expect(again.stderr.contains("moodle-bridge: E1 is already reversed by E2 (by Петрова on "))
        #expect(try count("SELECT COUNT(*) FROM entries WHERE kind = 'reversal' AND reverses = 'E1'") == 1)
    }
}

/// Routes opened by a registrar, one by one or from a CSV (all or nothing).
@Suite("moodle-bridge routes")
struct RoutesCommandTests {
    @Test("routes open by SNILS, and a CSV with a bad row opens nothing")
    func openAndImport() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = folder.appendingPathComponent("ledger.sqlite").path
        let common = ["--ledger", ledger, "--mappings", "Mappings"]
        let sheet = folder.appendingPathComponent("sheet.csv").path
        try """
        СНИЛС;Фамилия;Имя;Модуль;Дата
        112-233-445 95;Кузнецова;Ирина;OCH-MET-01;14.03.2026
        087-654-303 00;Орлов;Сергей;OCH-ADM-01;20.03.2026
        """.write(toFile: sheet, atomically: true, encoding: .utf8)
        #expect(try await CommandRunner.run(["ledger", "import", sheet] + common).status == 0)

        let opened = try await CommandRunner.run(
            ["routes", "open", "112-233-445 95", "PK-72-MMC", "--start", "01.03.2026"] + common)
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout.hasPrefix("Route PK-72-MMC/P-11223344595/2026-03-01:"))
        #expect(opened.stdout.contains("last day 2026-11-30; open, 36 of 72 h."))
        let overlapping = try await CommandRunner.run(
            ["routes", "open", "112-233-445 95", "PK-72-MMC", "--start", "01.05.2026"] + common)
        #expect(overlapping.status == 1)
        #expect(overlapping.stderr.contains("overlaps the route PK-72-MMC/P-11223344595/2026-03-01"))

        func routeCount() async throws -> Int {
            let listed = try await CommandRunner.run(["routes", "list", "--format", "json"] + common)
            let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
            #expect(object?["ledger"] as? String == ledger)
            return (object?["routes"] as? [[String: Any]])?.count ?? -1
        }
        // The program PK-72 opens routes by itself too, at each person's first credit.
        let before = try await routeCount()
        #expect(before == 3)
        let csv = folder.appendingPathComponent("routes.csv").path
        try "snils;program;start\n087-654-303 00;PK-72-MMC;01.03.2026\n000-000-001 00;PK-72;01.03.2026\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let refused = try await CommandRunner.run(["routes", "import", csv] + common)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("row 3, column snils: no person '000-000-001 00' in the ledger"))
        #expect(refused.stdout.contains("no route was opened"))
        #expect(try await routeCount() == before)

        try "snils;program;start\n087-654-303 00;PK-72-MMC;01.03.2026\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let imported = try await CommandRunner.run(["routes", "import", csv] + common)
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("1 route(s) opened or already open"))
        #expect(try await routeCount() == before + 1)
    }
}
