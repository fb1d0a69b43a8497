import Foundation
import Glibc
import Testing

/// Runs recorded in the ledger (`status`) and one sync per site at a time across processes — on
/// PostgreSQL across machines, which two processes on one server stand for.
@Suite("moodle-bridge status and shared ledgers", .serialized)
struct SharedLedgerTests {
    struct Status: Decodable {
        struct Site: Decodable {
            struct Run: Decodable {
                var runID: String
                var host: String
                var startedAt: Date
                var endedAt: Date?
                var outcome: String
                var newCredits: Int
            }
            var site: String
            var lastRun: Run?
            var stale: Bool
            var history: [Run]
        }
        var sites: [Site]
    }

    static func status(_ output: String) throws -> Status {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Status.self, from: Data(output.utf8))
    }

    func status(_ site: SyncCommandTests.Site, ledger: String, _ extra: [String] = []) async throws
        -> CommandRunner.Outcome
    {
        try await CommandRunner.run(
            ["status", "--ledger", ledger, "--mappings", site.folder.appendingPathComponent("Mappings").path] + extra)
    }

    @Test("status shows each site's last run, and a site whose last success is too old is stale (exit 6)")
    func status() async throws {
        let site = try await offPool { try SyncCommandTests.Site(latencyMilliseconds: 0) }
        defer { site.stop() }
        let path = site.ledger("status")
        #expect(try await status(site, ledger: path).status == 1)
        #expect(try await site.sync(ledger: path).status == 0)
        let fresh = try await status(site, ledger: path)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.hasPrefix("gen: succeeded "), "\(fresh.stdout)")
        let json = try Self.status(try await status(site, ledger: path, ["--format", "json"]).stdout)
        let run = try #require(json.sites.first?.lastRun)
        #expect(run.outcome == "succeeded" && run.newCredits > 100 && run.endedAt != nil)
        try await Task.sleep(for: .seconds(3))
        let stale = try await status(site, ledger: path, ["--every", "1s"])
        #expect(stale.status == 6)
        #expect(stale.stdout.contains("STALE"))
    }

    /// The PostgreSQL server the ledger tests use: `MOODLEBRIDGE_POSTGRES_URL`, else the local one
    /// `.ci/setup --tests` prepares, when something answers on its port.
    static let postgresURL: String? =
        ProcessInfo.processInfo.environment["MOODLEBRIDGE_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        ?? (localServerAnswers() ? "postgres://bridge:bridge@127.0.0.1:5432/moodlebridge_test" : nil)

    static func localServerAnswers() -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(5432).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    @Test(
        "two syncs that wait, on one PostgreSQL ledger, never sync a site at once: the second waits, then finds nothing new",
        .enabled(
            if: postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true",
            "no PostgreSQL: MOODLEBRIDGE_POSTGRES_URL is not set and none answers on 127.0.0.1:5432 (`bash .ci/setup --tests` starts one)"))
    func twoProcessesOnePostgresLedger() async throws {
        let server = try #require(Self.postgresURL, "CI must run the shared-ledger test against PostgreSQL")
        let schema = "t_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let ledger = "\(server)?schema=\(schema)"
        let site = try await offPool { try SyncCommandTests.Site(latencyMilliseconds: 30) }
        defer {
            site.stop()
            let drop = Process()
            drop.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            drop.arguments = ["psql", server, "-qc", "DROP SCHEMA IF EXISTS \(schema) CASCADE"]
            drop.standardOutput = FileHandle.nullDevice
            drop.standardError = FileHandle.nullDevice
            try? drop.run()
            drop.waitUntilExit()
        }
        let mappings = site.folder.appendingPathComponent("Mappings").path
        let arguments = ["sync", "--ledger", ledger, "--mappings", mappings, "--wait"]
        async let first = CommandRunner.run(arguments, environment: ["GEN_TOKEN": site.token])
        async let second = CommandRunner.run(arguments, environment: ["GEN_TOKEN": site.token])
        let outcomes = try await [first, second]
        for outcome in outcomes {
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(!(outcome.stdout + outcome.stderr).contains(site.token))
        }
        #expect(outcomes.filter { $0.stdout.contains("waited for another sync of this site") }.count == 1)
        let json = try Self.status(try await status(site, ledger: ledger, ["--history", "5", "--format", "json"]).stdout)
        let runs = try #require(json.sites.first { $0.site == "gen" }).history.sorted { $0.startedAt < $1.startedAt }
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0.outcome == "succeeded" })
        if runs.count == 2, let end = runs[0].endedAt {
            #expect(end <= runs[1].startedAt, "the runs overlap: \(runs)")
            #expect(runs[0].newCredits > 100 && runs[1].newCredits == 0)
        }
    }
}
