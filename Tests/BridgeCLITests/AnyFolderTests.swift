import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The demo and the fake Moodle carry their data with the executable: run from an empty folder,
/// far from the repository's `Fixtures/` and `Mappings/`, they still work.
@Suite("moodle-bridge run from an empty folder")
struct AnyFolderTests {
    /// A new empty folder under the temporary directory, removed after `body`.
    static func inEmptyFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("any-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    /// Calls `core_webservice_get_site_info` on a fake Moodle and returns the site's name.
    static func siteName(_ fake: FakeMoodleProcess) async throws -> String? {
        let url = URL(
            string:
                "\(fake.baseURL)/webservice/rest/server.php?wstoken=\(fake.token)&wsfunction=core_webservice_get_site_info&moodlewsrestformat=json"
        )!
        let (data, _) = try await URLSession.shared.data(from: url)
        let info = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return info?["sitename"] as? String
    }

    @Test("the demo syncs the example region, writes its mapping files, and a second run credits nothing new")
    func demo() async throws {
        try await Self.inEmptyFolder { folder in
            let first = try await CommandRunner.run(["demo"], in: folder)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("ripk: full sync by the report-builder path"))
            #expect(first.stdout.contains("north: full sync by the classic path"))
            let written = folder.appendingPathComponent("demo-output")
            #expect(FileManager.default.fileExists(atPath: written.appendingPathComponent("ledger.sqlite").path))
            let mappings = try FileManager.default.contentsOfDirectory(
                atPath: written.appendingPathComponent("Mappings").path)
            #expect(
                mappings.sorted() == [
                    "modules.yaml", "organisation.yaml", "persons.yaml", "plan.yaml", "programs.yaml", "sites.yaml",
                ])

            let second = try await CommandRunner.run(["demo", "--format", "json"], in: folder)
            #expect(second.status == 0, "\(second.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
            let sites = summary?["sites"] as? [[String: Any]] ?? []
            #expect(sites.count == 2)
            #expect(sites.allSatisfy { ($0["newCredits"] as? Int) == 0 })
            #expect(sites.allSatisfy { ($0["isFull"] as? Bool) == false })

            // What the README tells a user to run next, from the same folder.
            let report = try await CommandRunner.run(
                [
                    "report", "certificates", "--ledger", "demo-output/ledger.sqlite", "--mappings",
                    "demo-output/Mappings", "--format", "csv",
                ], in: folder)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains("2026-00001"), "\(report.stdout)")
        }
    }

    @Test("fake-moodle serve answers from the bundled ground truth and a bundled scenario file")
    func fakeMoodleServe() async throws {
        try await Self.inEmptyFolder { folder in
            try await FakeMoodleProcess.with(["--scenario", "ground-truth"], in: folder) { fake in
                let name = try await Self.siteName(fake)
                #expect(name == "Региональный институт повышения квалификации педагогов")
            }
            try await FakeMoodleProcess.with(["--scenario", "minimal"], in: folder) { fake in
                #expect(fake.token == "minimal-token")
                let name = try await Self.siteName(fake)
                #expect(name == "Minimal hand-written site")
            }
        }
    }

    @Test("fake-moodle serve reads a scenario file given by its path")
    func scenarioFile() async throws {
        try await Self.inEmptyFolder { folder in
            try FileManager.default.copyItem(
                at: CommandRunner.repository.appendingPathComponent("Fixtures/scenarios/minimal.json"),
                to: folder.appendingPathComponent("site.json"))
            try await FakeMoodleProcess.with(["--scenario", "site.json"], in: folder) { fake in
                let name = try await Self.siteName(fake)
                #expect(name == "Minimal hand-written site")
            }
        }
    }

    @Test("a missing scenario file is bad input (exit 1) naming the path")
    func missingScenarioFile() async throws {
        try await Self.inEmptyFolder { folder in
            let outcome = try await CommandRunner.run(
                ["fake-moodle", "serve", "--scenario", "/no/such.json"], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("no scenario file at /no/such.json"), "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
            #expect(outcome.stdout.isEmpty)

            let unknown = try await CommandRunner.run(["fake-moodle", "serve", "--scenario", "nosuch"], in: folder)
            #expect(unknown.status == 1)
            #expect(
                unknown.stderr.contains("no bundled scenario named 'nosuch' (the bundled ones are: minimal, small)"))
        }
    }
}
