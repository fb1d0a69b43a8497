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

    /// The scenario the fake answers from.
    enum ScenarioKind: String, CaseIterable, ExpressibleByArgument {
        /// ``Scenario/small()``: two courses, three learners, report 1.
        case small
        /// The captured Moodle 5.1 site, rebuilt from `ground-truth.json`.
        case groundTruth = "ground-truth"
        /// ``Scenario/generate(seed:users:courses:completionRate:)``.
        case generated
    }

    @Option(help: "The scenario: small, ground-truth or generated.")
    var scenario: ScenarioKind = .small

    @Option(help: "The port to listen on (0 = a free one).")
    var port: UInt16 = 0

    @Option(help: "The answer key the ground-truth scenario is built from.")
    var groundTruth: String = "Fixtures/moodle/ground-truth.json"

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
        case .small:
            return (.small(), Scenario.serviceToken)
        case .generated:
            return (
                .generate(seed: seed, users: max(1, users), courses: max(1, courses), completionRate: 0.4),
                Scenario.serviceToken
            )
        case .groundTruth:
            do {
                return (
                    try .fromGroundTruth(at: URL(fileURLWithPath: groundTruth)),
                    Scenario.groundTruthTokens["ws_bridge"] ?? ""
                )
            } catch {
                throw CLIError("cannot build the ground-truth scenario from \(groundTruth): \(error)")
            }
        }
    }
}
