import Foundation
import Testing

// Serialized: each test runs two processes, and the machine that runs CI has two cores.
@Suite("moodle-bridge check against a fake Moodle", .serialized)
struct CheckCommandTests {
    /// A distinctive token, so that a leak into the output cannot hide.
    static let token = "f4ke5ecret70ken0f7hech3ckc0mmand"

    @Test("a healthy site: the summary, exit 0, no token in the output")
    func healthySite() async throws {
        try await FakeMoodleProcess.with(["--token", Self.token]) { fake in
            let mappings = try TemporaryMappings(ripkURL: fake.baseURL)
            defer { mappings.remove() }

            let outcome = try await runCommand(
                ["check", "--site", "ripk", "--mappings", mappings.folder.path],
                environment: ["MOODLE_TOKEN_RIPK": Self.token])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let lines = outcome.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "Site ripk: РИПКП — региональный Moodle")
            #expect(lines.contains("  URL:              \(fake.baseURL)"))
            #expect(lines.contains("  Moodle site:      Small fake site (http://127.0.0.1:8081)"))
            #expect(lines.contains("  Moodle:           5.1+ (Build: 20251017), version 2025100600.02"))
            #expect(lines.contains("  Web-service user: ws_bridge (id 3)"))
            #expect(lines.contains("  Functions:        all 4 functions the sync needs are allowed"))
            #expect(lines.contains { $0.hasPrefix("  Completion path:  report builder (report 1 \"Completions\"") })
            #expect(lines.contains("  Batching:         yes (tool_mobile_call_external_functions)"))
            #expect(lines.last == "The site can be synced.")
            #expect(!(outcome.stdout + outcome.stderr).contains(Self.token))
        }
    }

    @Test("--format json gives scripts the result as data")
    func json() async throws {
        try await FakeMoodleProcess.with(["--token", Self.token]) { fake in
            let mappings = try TemporaryMappings(ripkURL: fake.baseURL)
            defer { mappings.remove() }

            let outcome = try await runCommand(
                ["check", "--site", "ripk", "--mappings", mappings.folder.path, "--format", "json"],
                environment: ["MOODLE_TOKEN_RIPK": Self.token])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let parsed = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
            let object = try #require(parsed as? [String: Any])
            #expect(object["usable"] as? Bool == true)
            #expect(object["completionPath"] as? String == "report-builder")
            #expect(object["username"] as? String == "ws_bridge")
            #expect(object["missingFunctions"] as? [String] == [])
            #expect((object["completionReport"] as? [String: Any])?["id"] as? Int == 1)
            #expect(!outcome.stdout.contains(Self.token))
        }
    }

    @Test("a revoked token: exit 3, the message names the invalid token and its source")
    func revokedToken() async throws {
        try await FakeMoodleProcess.with(["--token", Self.token, "--revoked"]) { fake in
            let mappings = try TemporaryMappings(ripkURL: fake.baseURL)
            defer { mappings.remove() }

            let outcome = try await runCommand(
                ["check", "--site", "ripk", "--mappings", mappings.folder.path],
                environment: ["MOODLE_TOKEN_RIPK": Self.token])
            #expect(outcome.status == 3)
            #expect(outcome.stderr.contains("site 'ripk' cannot be synced"))
            #expect(outcome.stderr.contains("as invalid (errorcode invalidtoken)"))
            #expect(outcome.stderr.contains("environment variable MOODLE_TOKEN_RIPK"))
            #expect(outcome.stdout.hasSuffix("The site cannot be synced (invalid-token).\n"))
            #expect(!(outcome.stdout + outcome.stderr).contains(Self.token))
        }
    }

    @Test("a function missing from the service: exit 3, the function is named with how to add it")
    func missingFunction() async throws {
        let arguments = ["--token", Self.token, "--missing-function", "core_user_get_users_by_field"]
        try await FakeMoodleProcess.with(arguments) { fake in
            let mappings = try TemporaryMappings(ripkURL: fake.baseURL)
            defer { mappings.remove() }

            let outcome = try await runCommand(
                ["check", "--site", "ripk", "--mappings", mappings.folder.path],
                environment: ["MOODLE_TOKEN_RIPK": Self.token])
            #expect(outcome.status == 3)
            #expect(
                outcome.stdout.contains(
                    "  Functions:        1 of 4 needed functions are missing:\n"
                        + "      - core_user_get_users_by_field\n"))
            #expect(outcome.stdout.contains("External services → the token's service → Functions → Add functions"))
            #expect(
                outcome.stderr.contains("does not allow 1 function(s) the sync needs: core_user_get_users_by_field"))
            #expect(!(outcome.stdout + outcome.stderr).contains(Self.token))
        }
    }

    @Test("web services off: exit 3, saying where to turn them on")
    func webServicesOff() async throws {
        try await FakeMoodleProcess.with(["--token", Self.token, "--web-services-off"]) { fake in
            let mappings = try TemporaryMappings(ripkURL: fake.baseURL)
            defer { mappings.remove() }

            let outcome = try await runCommand(
                ["check", "--site", "ripk", "--mappings", mappings.folder.path],
                environment: ["MOODLE_TOKEN_RIPK": Self.token])
            #expect(outcome.status == 3)
            #expect(outcome.stderr.contains("web services are turned off on \(fake.baseURL)"))
            #expect(outcome.stderr.contains("Advanced features → Enable web services"))
            #expect(outcome.stdout.hasSuffix("The site cannot be synced (web-services-disabled).\n"))
        }
    }

    @Test("without the report function the site falls back to the classic path and stays usable")
    func classicFallback() async throws {
        let arguments = ["--token", Self.token, "--missing-function", "core_reportbuilder_retrieve_report"]
        try await FakeMoodleProcess.with(arguments) { fake in
            let mappings = try TemporaryMappings(ripkURL: fake.baseURL)
            defer { mappings.remove() }

            let outcome = try await runCommand(
                ["check", "--site", "ripk", "--mappings", mappings.folder.path],
                environment: ["MOODLE_TOKEN_RIPK": Self.token])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("  Completion path:  classic ("))
            #expect(outcome.stdout.contains("the service lacks core_reportbuilder_retrieve_report"))
        }
    }

    @Test("a token file and the XML format (site north, classic path)")
    func tokenFileAndXML() async throws {
        try await FakeMoodleProcess.with(["--token", Self.token]) { fake in
            let tokenFile = FileManager.default.temporaryDirectory
                .appendingPathComponent("north-\(UUID().uuidString).token")
            try Data("\(Self.token)\nsecond line is ignored\n".utf8).write(to: tokenFile)
            defer { try? FileManager.default.removeItem(at: tokenFile) }
            let mappings = try TemporaryMappings(northURL: fake.baseURL, northTokenFile: tokenFile.path)
            defer { mappings.remove() }

            // A token file others may read is refused, as ssh refuses such a private key.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tokenFile.path)
            let shared = try await runCommand(["check", "--site", "north", "--mappings", mappings.folder.path])
            #expect(shared.status == 3)
            #expect(shared.stderr.contains("may be read by others (mode 644)"), "\(shared.stderr)")
            #expect(shared.stderr.contains("chmod 600 \(tokenFile.path)"))
            #expect(shared.stdout.isEmpty)
            #expect(!(shared.stdout + shared.stderr).contains(Self.token))

            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile.path)
            let outcome = try await runCommand(["check", "--site", "north", "--mappings", mappings.folder.path])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("  Web-service user: ws_bridge (id 3)"))
            #expect(outcome.stdout.contains("  Completion path:  classic ("))
            #expect(!outcome.stdout.contains(Self.token))
        }
    }

    @Test("an empty token variable: exit 3, naming the variable and not contacting Moodle")
    func emptyToken() async throws {
        let outcome = try await runCommand(["check", "--site", "ripk"], environment: ["MOODLE_TOKEN_RIPK": " "])
        #expect(outcome.status == 3)
        #expect(outcome.stdout.isEmpty)
        #expect(
            outcome.stderr.contains(
                "no web-service token for site 'ripk': the environment variable MOODLE_TOKEN_RIPK is empty"))
    }

    @Test("a missing token file: exit 3, naming the file")
    func missingTokenFile() async throws {
        let outcome = try await runCommand(["check", "--site", "north"])
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("the file /etc/moodle-bridge/north.token cannot be read"))
    }

    @Test("an unreachable site: exit 3, naming the address")
    func unreachable() async throws {
        let mappings = try TemporaryMappings(ripkURL: "http://127.0.0.1:9")
        defer { mappings.remove() }
        let outcome = try await runCommand(
            ["check", "--site", "ripk", "--mappings", mappings.folder.path, "--timeout", "5"],
            environment: ["MOODLE_TOKEN_RIPK": Self.token])
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("cannot reach http://127.0.0.1:9"))
        #expect(!(outcome.stdout + outcome.stderr).contains(Self.token))
    }

    @Test("an unknown site id is bad input (exit 1) listing the sites")
    func unknownSite() async throws {
        let outcome = try await runCommand(["check", "--site", "nowhere"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("no site 'nowhere'"))
        #expect(outcome.stderr.contains("the sites are: ripk, north"))
    }
}

/// `moodle-bridge fake-moodle serve` running as a child process.
struct FakeMoodleProcess: @unchecked Sendable {
    // @unchecked: `Process` is only started here, then terminated and waited for in `stop()`.
    let process: Process
    /// The base URL printed on the first line.
    let baseURL: String
    /// The token printed on the second line.
    let token: String

    /// Starts a fake Moodle with `arguments` (after `fake-moodle serve`), in the repository's folder
    /// unless `folder` names another, runs `body` with it and kills it afterwards, whether `body`
    /// succeeded or not.
    static func with(
        _ arguments: [String], in folder: URL? = nil, _ body: (FakeMoodleProcess) async throws -> Void
    ) async throws {
        let fake = try await offPool { try start(arguments, in: folder) }
        do {
            try await body(fake)
        } catch {
            await offPool { fake.stop() }
            throw error
        }
        await offPool { fake.stop() }
    }

    /// Starts the server and reads its URL and token; blocks until both are printed.
    static func start(_ arguments: [String], in folder: URL? = nil) throws -> FakeMoodleProcess {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["fake-moodle", "serve"] + arguments
        process.currentDirectoryURL = folder ?? CommandRunner.repository
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while text.filter({ $0 == "\n" }).count < 2 {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.terminate()
                throw FakeMoodleError(text: "fake-moodle serve exited before printing its URL: \(text)")
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count >= 2, lines[0].hasPrefix("http://127.0.0.1:"), lines[1].hasPrefix("token: ") else {
            process.terminate()
            throw FakeMoodleError(text: "unexpected fake-moodle output: \(text)")
        }
        return FakeMoodleProcess(process: process, baseURL: lines[0], token: String(lines[1].dropFirst(7)))
    }

    /// Kills the server and waits for it to exit.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Runs `moodle-bridge` like ``CommandRunner/run(_:environment:)``, but without blocking a thread
/// of Swift's cooperative pool, which the in-process fake servers of other suites need.
func runCommand(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRunner.Outcome {
    try await CommandRunner.run(arguments, environment: environment)
}

struct FakeMoodleError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

/// A copy of the example `Mappings/` folder with a site pointed at a fake Moodle.
struct TemporaryMappings {
    let folder: URL

    init(ripkURL: String? = nil, northURL: String? = nil, northTokenFile: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-mappings-\(UUID().uuidString)")
        // Resolve the symlink first: a copy of a symlink would write through it into the real files.
        try FileManager.default.copyItem(
            at: CommandRunner.repository.appendingPathComponent("Mappings").resolvingSymlinksInPath(), to: folder)
        let sites = folder.appendingPathComponent("sites.yaml")
        var text = try String(contentsOf: sites, encoding: .utf8)
        if let ripkURL {
            text = text.replacingOccurrences(of: "url: https://moodle.ripkp.example.ru", with: "url: \(ripkURL)")
        }
        if let northURL {
            text = text.replacingOccurrences(of: "url: https://sdo.mmc01-north.example.ru", with: "url: \(northURL)")
        }
        if let northTokenFile {
            text = text.replacingOccurrences(of: "/etc/moodle-bridge/north.token", with: northTokenFile)
        }
        try text.write(to: sites, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
