import Foundation
import GRDB
import Testing

/// A ledger written by an earlier release, opened and synced by this one: the schema migrates on
/// open, and the completions it holds — keyed the earlier way — are not credited again.
@Suite("A ledger of the previous release")
struct PreviousReleaseLedgerTests {
    static let dump = CommandRunner.repository.appendingPathComponent("Fixtures/ledgers/release-0.1.0-9052480.sql")

    /// Restores the dump as `folder/demo-output/ledger.sqlite`.
    static func restore(into folder: URL) throws -> String {
        let out = folder.appendingPathComponent("demo-output")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let path = out.appendingPathComponent("ledger.sqlite").path
        let database = try DatabaseQueue(path: path)
        let sql = try String(contentsOf: dump, encoding: .utf8)
        try database.writeWithoutTransaction { try $0.execute(sql: sql) }
        try database.close()
        return path
    }

    static func count(_ table: String, in path: String) throws -> Int {
        let database = try DatabaseQueue(path: path)
        defer { try? database.close() }
        return try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    @Test("a full sync of the same sites on the previous release's demo ledger writes nothing and issues nothing")
    func fullSyncWritesNothing() async throws {
        try await AnyFolderTests.inEmptyFolder { folder in
            let path = try Self.restore(into: folder)
            let entries = try Self.count("entries", in: path)
            let documents = try Self.count("documents", in: path)
            #expect(entries == 409)

            let run = try await CommandRunner.run(["demo", "--full", "--format", "json"], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let sites = summary?["sites"] as? [[String: Any]] ?? []
            #expect(sites.count == 2)
            #expect(sites.allSatisfy { ($0["isFull"] as? Bool) == true })
            #expect(sites.allSatisfy { ($0["newCredits"] as? Int) == 0 }, "\(sites.map { $0["newCredits"] ?? "?" })")
            #expect(sites.allSatisfy { ($0["reversals"] as? Int) == 0 })
            #expect(try Self.count("entries", in: path) == entries)
            #expect(try Self.count("documents", in: path) == documents)

            let verify = try await CommandRunner.run(
                ["ledger", "verify", "--ledger", "demo-output/ledger.sqlite"], in: folder)
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        }
    }
}
