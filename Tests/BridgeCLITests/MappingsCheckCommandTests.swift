import Foundation
import Testing

@Suite("moodle-bridge mappings check")
struct MappingsCheckCommandTests {
    @Test("the example region checks clean and exits 0")
    func exampleRegion() async throws {
        let outcome = try await CommandRunner.run(["mappings", "check", "Mappings"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasSuffix("No errors.\n"))
        #expect(outcome.stdout.contains("Read 6 files: 2 sites, 24 modules"))
    }

    @Test("a broken copy lists each error with file:line and exits 1")
    func brokenCopy() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("mappings-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: CommandRunner.repository.appendingPathComponent("Mappings").resolvingSymlinksInPath(), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try replace("hours: 4\n", with: "hours: 40\n", in: folder.appendingPathComponent("modules.yaml"))
        try replace(
            "[ICT-01, ICT-05, ICT-03]", with: "[ICT-01, ICT-55, ICT-03]",
            in: folder.appendingPathComponent("programs.yaml"))

        let outcome = try await CommandRunner.run(["mappings", "check", folder.path])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "\(folder.path)/modules.yaml:27: error: hours: module 'ICT-04' has 40 h; a module lasts 2…36 h"))
        #expect(
            lines.contains(
                "\(folder.path)/programs.yaml:16: error: modules: program 'PK-72-ICT': unknown module 'ICT-55'"))
        #expect(
            lines.contains(
                "\(folder.path)/programs.yaml:12: error: target_hours: program 'PK-72-ICT': its modules add up to 48 h, short of the 72 h target"
            ))
        #expect(lines.last == "3 errors, 0 warnings.")
    }

    @Test("--format json gives scripts the diagnostics as data")
    func json() async throws {
        let outcome = try await CommandRunner.run(["mappings", "check", "Mappings", "--format", "json"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == true)
        #expect((object?["counts"] as? [String: Int])?["modules"] == 24)
    }

    @Test("a folder that does not exist is a usage error naming it")
    func missingFolder() async throws {
        let outcome = try await CommandRunner.run(["mappings", "check", "NoSuchFolder"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("cannot read the mapping folder NoSuchFolder"))
    }

    /// Replaces the first occurrence of `old` in `file`.
    private func replace(_ old: String, with new: String, in file: URL) throws {
        var text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: old))
        text.replaceSubrange(range, with: new)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
}
