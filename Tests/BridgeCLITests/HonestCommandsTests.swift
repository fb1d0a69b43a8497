import CreditCore
import Foundation
import Testing

/// Commands that never mislead: no ledger created by a read, the ledger named, filters applied or
/// refused, dates that mean one thing, incomplete reports that say so.
@Suite("moodle-bridge: commands that never mislead")
struct HonestCommandsTests {
    let folder: URL
    var ledger: String { folder.appendingPathComponent("ledger.sqlite").path }
    var common: [String] { ["--ledger", ledger, "--mappings", "Mappings"] }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("honest-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRunner.Outcome {
        try await CommandRunner.run(arguments + common, environment: environment)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func json(_ outcome: CommandRunner.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    /// Орлова (ММЦ-04) passes three in-person modules in March 2025: 78 h, so her free-choice route
    /// (opened by itself at her first credit) completes on 30.03.2025; Кузнецова (no centre) passes one.
    func importCredits() async throws {
        let sheet = try write(
            "sheet.csv",
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата;ММЦ
            087-654-303 00;Орлова;Елена;OCH-MET-01;10.03.2025;MMC-04
            087-654-303 00;Орлова;Елена;OCH-ADM-01;20.03.2025;MMC-04
            087-654-303 00;Орлова;Елена;OCH-ICT-01;30.03.2025;MMC-04
            112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2025;
            """)
        let imported = try await run(["ledger", "import", sheet])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let opened = try await run(["routes", "open", "112-233-445 95", "PK-72-MMC", "--start", "01.03.2025"])
        #expect(opened.status == 0, "\(opened.stderr)")
    }

    @Test("read commands refuse a missing ledger and leave no file behind; ledger verify exits 2")
    func missingLedger() async throws {
        let persons = try write("persons.csv", "person_id;birth_date\nP-1;01.01.1980\n")
        let reads: [[String]] = [
            ["report", "certificates"], ["report", "centres", "--format", "json"], ["routes", "list"],
            ["certificates", "issue"], ["certificates", "issue", "--dry-run"],
            ["ledger", "reverse", "E1", "--document", "приказ 1", "--operator", "Петрова", "--reason", "ошибка"],
            ["persons", "import", persons], ["report", "reconciliation"],
        ]
        for arguments in reads {
            let outcome = try await run(arguments)
            #expect(outcome.status == 1, "\(arguments)")
            #expect(
                outcome.stderr == "moodle-bridge: no ledger at \(ledger); run sync or pass --ledger\n", "\(arguments)")
        }
        let verify = try await run(["ledger", "verify"])
        #expect(verify.status == 2)
        #expect(verify.stdout.isEmpty)
        #expect(verify.stderr.contains("no ledger at \(ledger); run sync or pass --ledger"))
        let verifyJSON = try await run(["ledger", "verify", "--format", "json"])
        #expect(verifyJSON.status == 2)
        #expect(try json(verifyJSON)["intact"] as? Bool == false)
        // A dry run compares with an empty ledger in memory.
        let sheet = try write(
            "one.csv", "СНИЛС;Фамилия;Имя;Модуль;Дата\n112-233-445 95;Кузнецова;Ирина;SEM-MMC-01;14.03.2025\n")
        let dryRun = try await run(["ledger", "import", sheet, "--dry-run"])
        #expect(dryRun.status == 0)
        #expect(dryRun.stdout.contains("1 valid row(s), 0 invalid; dry run, nothing was written"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["one.csv", "persons.csv"])

        // Without --ledger, the default file in the current folder is not created either.
        let here = folder.appendingPathComponent("here")
        try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)
        let mappings = CommandRunner.repository.appendingPathComponent("Mappings").path
        let byDefault = try await CommandRunner.run(
            ["report", "plan", "--mappings", mappings], environment: ["MOODLE_BRIDGE_LEDGER": ""], in: here)
        #expect(byDefault.status == 1)
        #expect(byDefault.stderr.contains("no ledger at"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: here.path).isEmpty)
    }

    @Test("on a terminal the first line names the ledger; in a pipe it does not; JSON carries a ledger field")
    func ledgerNamed() async throws {
        try await importCredits()
        let terminal = try await CommandRunner.runOnTerminal(["routes", "list"] + common)
        #expect(terminal.status == 0, "\(terminal.stderr)")
        #expect(terminal.stderr.hasPrefix("Ledger: \(ledger) (SQLite)\n"))
        let piped = try await run(["routes", "list"])
        #expect(!piped.stderr.contains("Ledger:"))

        let report = try await run(["report", "certificates", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("{\n  \"ledger\": \"\(ledger)\",\n  \"report\": \"certificates\","))
        #expect(try json(report)["ledger"] as? String == ledger)
        #expect(try json(report)["report"] as? String == "certificates")
        for arguments in [
            ["ledger", "verify", "--format", "json"], ["routes", "list", "--format", "json"],
            ["certificates", "issue", "--dry-run", "--format", "json"],
        ] {
            let outcome = try await run(arguments)
            #expect(try json(outcome)["ledger"] as? String == ledger, "\(arguments)")
        }
        let sheet = try write("again.csv", "СНИЛС;Фамилия;Имя;Модуль;Дата\n")
        #expect(
            try json(try await run(["ledger", "import", sheet, "--format", "json"]))["ledger"] as? String == ledger)
    }

    @Test("a PostgreSQL address never shows its user and password")
    func postgresRedacted() async throws {
        let address = "postgres://bridge:s3cret-pw@127.0.0.1:9/ledger"
        let outcome = try await CommandRunner.runOnTerminal(
            ["routes", "list", "--ledger", address, "--mappings", "Mappings"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("postgres://***@127.0.0.1:9/ledger"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("s3cret-pw"))
        #expect(!outcome.stderr.contains("bridge@") && !outcome.stderr.contains("//bridge"))
    }

    @Test("--out ending in / is a folder, created when missing, holding KIND.FORMAT")
    func outFolder() async throws {
        try await importCredits()
        let reports = folder.appendingPathComponent("reports").path
        let written = try await run(["report", "centres", "--out", reports + "/"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(FileManager.default.fileExists(atPath: reports + "/centres.csv"))
        let again = try await run(["report", "plan", "--format", "json", "--out", reports])
        #expect(again.status == 0)
        #expect(FileManager.default.fileExists(atPath: reports + "/plan.json"))
        let file = folder.appendingPathComponent("centres-file.csv").path
        #expect(try await run(["report", "centres", "--out", file]).status == 0)
        var isFolder: ObjCBool = true
        #expect(FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && !isFolder.boolValue)
    }

    @Test("a reconciliation that could not read a site writes the report, then exits 3 saying it is incomplete")
    func incompleteReconciliation() async throws {
        try await importCredits()
        let reports = folder.appendingPathComponent("reconciliation").path + "/"
        // ripk's token variable is empty and north's token file is missing: neither site can be read.
        let outcome = try await run(
            ["report", "reconciliation", "--format", "json", "--out", reports],
            environment: ["MOODLE_TOKEN_RIPK": " "])
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("site ripk could not be read"))
        #expect(outcome.stderr.contains("moodle-bridge: the report is incomplete: sites ripk, north could not be read"))
        #expect(FileManager.default.fileExists(atPath: reports + "reconciliation.json"))
        let one = try await run(
            ["report", "reconciliation", "--site", "ripk", "--out", reports], environment: ["MOODLE_TOKEN_RIPK": " "])
        #expect(one.status == 3)
        #expect(one.stderr.contains("the report is incomplete: site ripk could not be read"))
        #expect(!one.stderr.contains("north"))
    }

    @Test(
        "filters apply or are refused: unknown sites and centres listed, ММЦ-04 found, --site refused where it cannot apply"
    )
    func filters() async throws {
        try await importCredits()
        let unknownSite = try await run(["report", "certificates", "--site", "nosuch"])
        #expect(unknownSite.status == 1)
        #expect(unknownSite.stderr.contains("unknown site 'nosuch'; the mapping files have: ripk, north"))
        let siteOnCertificates = try await run(["report", "certificates", "--site", "ripk"])
        #expect(siteOnCertificates.status == 1)
        #expect(siteOnCertificates.stderr.contains("--site does not apply to the certificates report"))
        let unknownCentre = try await run(["report", "centres", "--centre", "ММЦ-09"])
        #expect(unknownCentre.status == 1)
        #expect(unknownCentre.stderr.contains("unknown centre 'ММЦ-09'"))
        #expect(unknownCentre.stderr.contains("MMC-04 (ММЦ-04 Восточный межмуниципальный методический центр)"))
        #expect(try await run(["report", "plan", "--centre", "MMC-01"]).status == 1)
        #expect(try await run(["report", "certificates", "--category", "boss"]).status == 64)
        #expect(
            try await run(["report", "certificates", "--person", "P-NOBODY"]).stderr.contains("no learner 'P-NOBODY'"))

        for centre in ["ММЦ-04", "MMC-04", "ммц-04 восточный межмуниципальный методический центр"] {
            let outcome = try await run(["report", "certificates", "--centre", centre, "--format", "json"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let rows = try json(outcome)["rows"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["lastName"] as? String } == ["Орлова"], "\(centre)")
        }
        let other = try await run(["report", "certificates", "--centre", "ММЦ-01", "--format", "json"])
        #expect((try json(other)["rows"] as? [[String: Any]])?.isEmpty == true)
    }

    /// The routes the statements report lists.
    func statementRoutes(_ extra: [String] = []) async throws -> Set<String> {
        let outcome = try await run(["report", "statements", "--format", "json"] + extra)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // One route a row on the sheet «По слушателям» (a route with no module passed has no module row).
        let sheets = try json(outcome)["sheets"] as? [[String: Any]] ?? []
        let learners = sheets.first { $0["key"] as? String == "learners" }?["rows"] as? [[String: Any]] ?? []
        return Set(learners.compactMap { $0["route"] as? String })
    }

    /// The centres report's row for learners in no centre: routes completed, open and expired.
    func noCentreRoutes(_ extra: [String] = []) async throws -> [Int] {
        let outcome = try await run(["report", "centres", "--format", "json"] + extra)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let row = (try json(outcome)["rows"] as? [[String: Any]] ?? []).first { $0["centre"] as? String == "—" }
        return ["completed", "open", "expired"].map { row?[$0] as? Int ?? -1 }
    }

    @Test("--as-of changes the statements and centres reports: routes are judged at that day")
    func asOf() async throws {
        try await importCredits()
        // Кузнецова: PK-72 from 14.03.2025 (last day 13.09.2025), PK-72-MMC from 01.03.2025 (last day 30.11.2025).
        #expect(
            try await statementRoutes() == ["PK-72/P-11223344595/2025-03-14", "PK-72-MMC/P-11223344595/2025-03-01"])
        #expect(try await statementRoutes(["--as-of", "30.11.2025"]) == ["PK-72/P-11223344595/2025-03-14"])
        #expect(try await statementRoutes(["--as-of", "31.08.2025"]).isEmpty)
        #expect(try await noCentreRoutes() == [0, 0, 2])
        #expect(try await noCentreRoutes(["--as-of", "30.11.2025"]) == [0, 1, 1])
        #expect(try await noCentreRoutes(["--as-of", "31.08.2025"]) == [0, 2, 0])
        #expect(try await noCentreRoutes(["--as-of", "10.03.2025"]) == [0, 1, 0])
        // --from/--to pick expired routes by their last day.
        #expect(
            try await statementRoutes(["--from", "01.11.2025", "--to", "31.12.2025"])
                == ["PK-72-MMC/P-11223344595/2025-03-01"])
    }

    @Test("future dates are refused where they would be written, unless --allow-future")
    func futureDates() async throws {
        let add = [
            "ledger", "add", "--snils", "112-233-445 95", "--last-name", "Кузнецова", "--first-name", "Ирина",
            "--module", "SEM-MMC-01", "--date", "01.01.2099", "--document", "ведомость 1", "--operator", "Петрова",
        ]
        let refused = try await run(add)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--date '01.01.2099' is in the future"))
        #expect(refused.stderr.contains("--allow-future"))
        #expect(!FileManager.default.fileExists(atPath: ledger))
        #expect(try await run(add + ["--allow-future"]).status == 0)

        let open = ["routes", "open", "112-233-445 95", "PK-72-MMC", "--start", "01.01.2099"]
        #expect(try await run(open).stderr.contains("--start '01.01.2099' is in the future"))
        let csv = try write("routes.csv", "snils;program;start\n112-233-445 95;PK-72-MMC;01.01.2099\n")
        let imported = try await run(["routes", "import", csv])
        #expect(imported.status == 1)
        #expect(imported.stdout.contains("row 2, column start: the start '01.01.2099' is in the future"))
        #expect(try await run(["routes", "import", csv, "--allow-future"]).status == 0)
        let issue = try await run(["certificates", "issue", "--issued-on", "01.01.2099"])
        #expect(issue.status == 1)
        #expect(issue.stderr.contains("--issued-on '01.01.2099' is in the future"))
    }

    @Test("certificates are numbered in the year of their issue day, given by --issued-on")
    func issuedOn() async throws {
        try await importCredits()
        let early = try await run(["certificates", "issue", "--issued-on", "25.03.2025", "--dry-run"])
        #expect(early.stdout.contains("Nothing to issue."), "\(early.stdout)")
        let issued = try await run(["certificates", "issue", "--issued-on", "15.12.2025", "--format", "json"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let output = try json(issued)
        #expect(output["issuedOn"] as? String == "2025-12-15")
        let documents = output["documents"] as? [[String: Any]] ?? []
        #expect(documents.map { $0["registrationNumber"] as? String } == ["2025-00001"])
        let report = try json(try await run(["report", "certificates", "--format", "json"]))
        let row = (report["rows"] as? [[String: Any]])?.first
        #expect(row?["registrationNumber"] as? String == "2025-00001")
        #expect(row?["issuedOn"] as? String == "2025-12-15")
        let year = try await run(["certificates", "issue", "--year", "2024"])
        #expect(year.status == 64)
    }

    @Test("--version prints the version")
    func version() async throws {
        let outcome = try await CommandRunner.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
