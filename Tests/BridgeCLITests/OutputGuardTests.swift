import Foundation
import Testing

/// A report never overwrites what the bridge reads: the ledger and the files beside it, the mapping
/// files, or any file that is not an earlier report of the same kind (unless --force).
@Suite("moodle-bridge report: outputs never overwrite inputs")
struct OutputGuardTests {
    let folder: URL
    var ledger: String { folder.appendingPathComponent("l.sqlite").path }
    var mappings: URL { folder.appendingPathComponent("Mappings") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CommandRunner.repository.appendingPathComponent("Mappings").resolvingSymlinksInPath(), to: mappings)
    }

    func report(_ arguments: [String]) async throws -> CommandRunner.Outcome {
        try await CommandRunner.run(
            ["report", "certificates", "--ledger", ledger, "--mappings", mappings.path] + arguments)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// A ledger with one credit, and its persons file beside it.
    func makeLedger() async throws {
        let sheet = path("sheet.csv")
        try "СНИЛС;Фамилия;Имя;Модуль;Дата\n087-654-303 00;Орлова;Елена;OCH-MET-01;10.03.2025\n"
            .write(toFile: sheet, atomically: true, encoding: .utf8)
        let imported = try await CommandRunner.run(
            ["ledger", "import", sheet, "--ledger", ledger, "--mappings", mappings.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        try "person_id;birth_date\n".write(toFile: ledger + ".persons.csv", atomically: true, encoding: .utf8)
    }

    @Test("the ledger, a file beside it, and the same through a symlink are refused in every format")
    func ledgerIsNeverOverwritten() async throws {
        try await makeLedger()
        try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: ledger)
        for (out, format) in [
            (ledger, "csv"), (ledger, "xlsx"), (ledger, "json"), (path("link.csv"), "csv"),
            (ledger + ".persons.csv", "csv"),
        ] {
            let outcome = try await report(["--out", out, "--format", format])
            #expect(outcome.status == 1, "\(out) \(format): \(outcome.stderr)")
            #expect(outcome.stderr.contains("it is the ledger or a file beside it"), "\(outcome.stderr)")
        }
        // Still the SQLite ledger with its entry (reading it may checkpoint its journal, so bytes may move).
        #expect(contents(ledger)?.starts(with: Data("SQLite format 3\0".utf8)) == true)
        #expect(contents(ledger + ".persons.csv") == Data("person_id;birth_date\n".utf8))
        let verify = try await CommandRunner.run(["ledger", "verify", "--ledger", ledger])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("1 entr"), "\(verify.stdout)")
    }

    @Test("a mapping file is refused, even with --force")
    func mappingFileIsNeverOverwritten() async throws {
        try await makeLedger()
        let sites = mappings.appendingPathComponent("sites.yaml").path
        let before = try #require(contents(sites))
        for extra in [[], ["--force"]] {
            let outcome = try await report(["--out", sites] + extra)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("it is a mapping file"), "\(outcome.stderr)")
        }
        #expect(contents(sites) == before)
    }

    @Test("another file is replaced only with --force; an earlier report of the same kind is replaced")
    func otherFiles() async throws {
        try await makeLedger()
        let notes = path("notes.csv")
        try "my own notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let refused = try await report(["--out", notes])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("it is not an earlier certificates report in csv"), "\(refused.stderr)")
        #expect(contents(notes) == Data("my own notes\n".utf8))
        let forced = try await report(["--out", notes, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(contents(notes) != Data("my own notes\n".utf8))

        for format in ["csv", "xlsx", "json"] {
            let out = path("certificates-again.\(format)")
            for run in 1...2 {
                let outcome = try await report(["--out", out, "--format", format])
                #expect(outcome.status == 0, "run \(run) \(format): \(outcome.stderr)")
            }
            // A report of another kind is not an earlier version of this one.
            let other = try await CommandRunner.run(
                [
                    "report", "centres", "--ledger", ledger, "--mappings", mappings.path, "--out", out, "--format",
                    format,
                ])
            #expect(other.status == 1, "\(format): \(other.stderr)")
        }
    }
}
