import CreditCore
import Foundation
import GRDB
import Testing

/// `moodle-bridge sync` end to end: the real executable against a fake Moodle in another process.
@Suite("moodle-bridge sync", .serialized)
struct SyncCommandTests {
    /// A fake Moodle process and a mapping folder pointing at it. Its properties are set once, in
    /// `init`, so sharing it between tasks is safe.
    final class Site: @unchecked Sendable {
        let process: Process
        let url: String
        let token: String
        let folder: URL

        init(latencyMilliseconds: Int, extra: [String] = []) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sync-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments =
                [
                    "fake-moodle", "serve", "--scenario", "generated", "--seed", "5", "--users", "300", "--courses",
                    "8",
                    "--latency-ms", String(latencyMilliseconds),
                ] + extra
            process.currentDirectoryURL = CommandRunner.repository
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            var text = ""
            while !text.contains("token: ") || !text.hasSuffix("\n") {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            let lines = text.split(separator: "\n").map(String.init)
            url = lines.first ?? ""
            token = lines.first { $0.hasPrefix("token: ") }.map { String($0.dropFirst(7)) } ?? ""
            let mappings = folder.appendingPathComponent("Mappings")
            try FileManager.default.createDirectory(at: mappings, withIntermediateDirectories: true)
            try """
            version: 1
            sites:
              - id: gen
                url: \(url)
                token: { env: GEN_TOKEN }
                hours_field: hours
                identity: [email]
            programs:
              - id: PK-72
                title: Free choice
                kind: free-choice
                modules: all
                opens_automatically: true
            """.write(to: mappings.appendingPathComponent("region.yaml"), atomically: true, encoding: .utf8)
        }

        func ledger(_ name: String) -> String { folder.appendingPathComponent("\(name).sqlite").path }

        func syncProcess(ledger: String) -> Process {
            let sync = Process()
            sync.executableURL = CommandRunner.executable
            sync.arguments = [
                "sync", "--ledger", ledger, "--mappings", folder.appendingPathComponent("Mappings").path, "--format",
                "json",
            ]
            sync.environment = ProcessInfo.processInfo.environment.merging(["GEN_TOKEN": token]) { $1 }
            sync.standardOutput = FileHandle.nullDevice
            sync.standardError = FileHandle.nullDevice
            return sync
        }

        func sync(ledger: String) async throws -> CommandRunner.Outcome {
            try await CommandRunner.run(
                ["sync", "--ledger", ledger, "--mappings", folder.appendingPathComponent("Mappings").path],
                environment: ["GEN_TOKEN": token])
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// The ledger's credits as comparable facts, whatever their ids and batches.
    static func credits(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT idempotency_key || '|' || person_id || '|' || module_id || '|' || hours || '|' || occurred_at FROM entries ORDER BY idempotency_key"
            )
        }
    }

    @Test("a sync killed at a random point and run again ends exactly as one clean run")
    func killAndRerun() async throws {
        let site = try await offPool { try Site(latencyMilliseconds: 25) }
        defer { site.stop() }
        #expect(site.url.hasPrefix("http://127.0.0.1:"))
        let clean = try await site.sync(ledger: site.ledger("clean"))
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try Self.credits(site.ledger("clean"))
        #expect(expected.count > 100)

        for attempt in 0..<3 {
            let path = site.ledger("killed-\(attempt)")
            let run = site.syncProcess(ledger: path)
            try run.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...1_500)))
            kill(run.processIdentifier, SIGKILL)
            await offPool { run.waitUntilExit() }
            let rerun = try await site.sync(ledger: path)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try Self.credits(path) == expected, "attempt \(attempt)")
            #expect(try await CommandRunner.run(["ledger", "verify", "--ledger", path]).status == 0)
        }
    }

    @Test("a second sync on the same ledger while one runs is refused with a clear message")
    func concurrentRunRefused() async throws {
        let site = try await offPool { try Site(latencyMilliseconds: 40) }
        defer { site.stop() }
        let path = site.ledger("busy")
        let first = site.syncProcess(ledger: path)
        try first.run()
        try await Task.sleep(for: .milliseconds(300))
        let second = try await site.sync(ledger: path)
        await offPool { first.waitUntilExit() }
        #expect(first.terminationStatus == 0)
        #expect(second.status == 5)
        #expect(second.stderr.contains("another sync is running on this ledger"))
        #expect(!second.stderr.contains(site.token))
    }

    @Test("a second sync through a symbolic link to the same ledger is refused too")
    func concurrentRunThroughLinkRefused() async throws {
        let site = try await offPool { try Site(latencyMilliseconds: 40) }
        defer { site.stop() }
        let path = site.ledger("linked")
        let link = path + "-link.sqlite"
        let first = site.syncProcess(ledger: path)
        try first.run()
        try await Task.sleep(for: .milliseconds(300))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let second = try await site.sync(ledger: link)
        await offPool { first.waitUntilExit() }
        #expect(first.terminationStatus == 0)
        #expect(second.status == 5, "\(second.stderr)")
        #expect(second.stderr.contains("another sync is running on this ledger"))
    }
}

@Suite("moodle-bridge sync: a site that cannot be synced")
struct SyncFailureCommandTests {
    @Test("a revoked token: exit 3, the site and cause named, no token in the output, nothing written")
    func revokedToken() async throws {
        let site = try await offPool { try SyncCommandTests.Site(latencyMilliseconds: 0, extra: ["--revoked"]) }
        defer { site.stop() }
        let outcome = try await site.sync(ledger: site.ledger("revoked"))
        #expect(outcome.status == 3)
        #expect(outcome.stdout.contains("gen: FAILED"))
        #expect(outcome.stdout.lowercased().contains("token"))
        #expect(!(outcome.stdout + outcome.stderr).contains(site.token))
        #expect(try SyncCommandTests.credits(site.ledger("revoked")) == [])
    }
}
