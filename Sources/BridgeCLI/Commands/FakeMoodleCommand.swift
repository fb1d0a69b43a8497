import ArgumentParser
import FakeMoodle
import Foundation

/// `moodle-bridge fake-moodle …` (hidden): a fake Moodle for demos and end-to-end tests.
struct FakeMoodleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-moodle",
        abstract: "Run a fake Moodle web-service server (for demos and tests).",
        shouldDisplay: false,
        subcommands: [FakeMoodleServeCommand.self])
}

/// `moodle-bridge fake-moodle serve`: serves a scenario on 127.0.0.1 until killed.
///
/// Standard output's first line is the base URL (`http://127.0.0.1:PORT`), the second
/// `token: VALUE`, the fake service account's token, so a test can point the bridge at it.
struct FakeMoodleServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a fake Moodle on 127.0.0.1 until killed.",
        discussion: """
            Prints the base URL on the first line and the web-service token of the service account \
            on the second, then serves /webservice/rest/server.php and /login/token.php.
            """)

    @Option(
        help: ArgumentHelp(
            "The scenario: small, ground-truth, generated, a bundled scenario's name, or a scenario file.",
            discussion: """
                small: two courses, three learners, report 1. ground-truth: the captured Moodle 5.1 \
                site, rebuilt from its answer key. generated: a site of --users and --courses made \
                from --seed. A bundled scenario (minimal, small) is one of the package's \
                Fixtures/scenarios files; a value with a '/' or ending in .json is read as a scenario \
                file (JSON).
                """,
            valueName: "scenario"))
    var scenario: String = "small"

    @Option(help: "The port to listen on (0 = a free one).")
    var port: UInt16 = 0

    @Option(help: "The answer key the ground-truth scenario is built from (default: the bundled one).")
    var groundTruth: String?

    @Option(help: "Seed of the generated scenario.")
    var seed: UInt64 = 42

    @Option(help: "Users of the generated scenario.")
    var users: Int = 200

    @Option(help: "Courses of the generated scenario.")
    var courses: Int = 10

    @Option(help: "Use this value as the service account's token instead of the scenario's.")
    var token: String?

    @Option(help: "Answer each call after this many milliseconds, plus 3 ms per row returned (0 = at once).")
    var latencyMs: Int = 0

    @Flag(help: "Answer each function as slowly as a real Moodle 5.1 did when the captures were recorded.")
    var measuredLatency = false

    @Flag(help: "Revoke the service account's token: every call answers invalidtoken.")
    var revoked = false

    @Flag(help: "Turn web services off: every call answers HTTP 403 with an empty body.")
    var webServicesOff = false

    @Option(help: "Remove a function from every service (repeatable): calls to it answer accessexception.")
    var missingFunction: [String] = []

    func run() async throws {
        var (scenario, token) = try makeScenario()
        if let replacement = self.token, !replacement.isEmpty {
            for index in scenario.tokens.indices where scenario.tokens[index].value == token {
                scenario.tokens[index].value = replacement
            }
            token = replacement
        }
        let server = FakeMoodleServer(scenario: scenario)
        if revoked { server.revokeToken(token) }
        if latencyMs > 0 { server.latency = LatencyModel(base: .milliseconds(latencyMs), perRow: .milliseconds(3)) }
        if measuredLatency { server.latency = .measured }
        if webServicesOff { server.setWebServicesEnabled(false) }
        for function in missingFunction {
            for service in scenario.services { server.removeFunction(function, fromService: service.shortname) }
        }
        let url: URL
        do {
            url = try await server.start(port: port)
        } catch {
            throw CLIError("the fake Moodle cannot listen on 127.0.0.1:\(port): \(error)")
        }
        // Written unbuffered: the reader waits for these lines while the process keeps running.
        FileHandle.standardOutput.write(Data("\(url.absoluteString)\ntoken: \(token)\n".utf8))
        // Serve until the process is killed.
        while true { try await Task.sleep(for: .seconds(3_600)) }
    }

    private func makeScenario() throws -> (Scenario, token: String) {
        switch scenario {
        case "small":
            return (.small(), Scenario.serviceToken)
        case "generated":
            return (
                .generate(seed: seed, users: max(1, users), courses: max(1, courses), completionRate: 0.4),
                Scenario.serviceToken
            )
        case "ground-truth":
            let url = groundTruth.map { URL(fileURLWithPath: $0) } ?? BundledData.groundTruthURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CLIError("no answer key at \(url.path)")
            }
            do {
                return (try .fromGroundTruth(at: url), Scenario.groundTruthTokens["ws_bridge"] ?? "")
            } catch {
                throw CLIError("cannot build the ground-truth scenario from \(url.path): \(error)")
            }
        case let path where path.contains("/") || path.hasSuffix(".json"):
            return Self.withItsToken(try Self.scenarioFile(at: path))
        case let name:
            do {
                return Self.withItsToken(try BundledData.scenario(named: name))
            } catch let missing as BundledData.MissingScenario {
                throw CLIError(
                    "\(missing.description); small, ground-truth and generated are built in, and a path names a scenario file"
                )
            } catch {
                throw CLIError("cannot load the bundled scenario '\(name)': \(error)")
            }
        }
    }

    /// A loaded scenario and the token to print: its first valid one.
    static func withItsToken(_ scenario: Scenario) -> (Scenario, token: String) {
        (scenario, scenario.tokens.first { $0.state == .valid }?.value ?? Scenario.serviceToken)
    }

    /// A scenario file given on the command line; a missing or unreadable one is named in the error.
    static func scenarioFile(at path: String) throws -> Scenario {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw CLIError("no scenario file at \(url.path)")
        }
        do {
            return try Scenario.load(from: url)
        } catch let error as DecodingError {
            throw CLIError("the scenario file \(url.path) is not a valid scenario: \(error)")
        } catch {
            throw CLIError("cannot read the scenario file \(url.path): \(error.localizedDescription)")
        }
    }
}
