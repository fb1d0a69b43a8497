import Foundation
import Testing

/// `moodle-bridge findings` over the demo's ledger: the demo's sync recorded its findings; one is
/// acknowledged from the command line and is then listed as acknowledged, not open.
@Suite("moodle-bridge findings")
struct FindingsCommandTests {
    @Test("lists the demo's findings, acknowledges one with a reason, refuses it twice and refuses bad input")
    func listAndAcknowledge() async throws {
        try await AnyFolderTests.inEmptyFolder { folder in
            let demo = try await CommandRunner.run(["demo"], in: folder)
            #expect(demo.status == 0, "\(demo.stderr)")
            #expect(demo.stdout.contains("of them new (moodle-bridge findings)"), "\(demo.stdout)")
            let common = ["--ledger", "demo-output/ledger.sqlite", "--mappings", "demo-output/Mappings"]
            func run(_ arguments: [String]) async throws -> CommandRunner.Outcome {
                try await CommandRunner.run(arguments + common, in: folder)
            }
            func ids(_ outcome: CommandRunner.Outcome) throws -> [Int] {
                let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
                return (object?["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }

            let open = try await run(["findings", "--format", "json"])
            #expect(open.status == 0, "\(open.stderr)")
            let all = try ids(open)
            #expect(!all.isEmpty, "\(open.stdout)")
            let since = try await run(["findings", "--since", "yesterday", "--format", "json"])
            #expect(try ids(since) == all)
            let text = try await run(["findings"])
            #expect(text.stdout.contains("#\(all[0]) [open]") && text.stdout.contains("what to do:"), "\(text.stdout)")

            let acknowledged = try await run(
                [
                    "findings", "acknowledge", "#\(all[0])", "--reason", "known, the course closes", "--operator",
                    "ivanova",
                ])
            #expect(acknowledged.status == 0, "\(acknowledged.stderr)")
            #expect(acknowledged.stdout.contains("Acknowledged #\(all[0])"))
            #expect(try ids(try await run(["findings", "--format", "json"])) == Array(all.dropFirst()))
            let listed = try await run(["findings", "--state", "acknowledged"])
            #expect(listed.stdout.contains("acknowledged by ivanova"), "\(listed.stdout)")
            #expect(listed.stdout.contains("known, the course closes"))

            let twice = try await run(["findings", "acknowledge", "\(all[0])", "--reason", "again"])
            #expect(twice.status == 1 && twice.stderr.contains("not open"), "\(twice.stderr)")
            let badState = try await run(["findings", "--state", "closed"])
            #expect(badState.status == 1 && badState.stderr.contains("--state closed"), "\(badState.stderr)")
            let badDay = try await run(["findings", "--since", "31.02.2026"])
            #expect(badDay.status == 1 && badDay.stderr.contains("--since 31.02.2026"), "\(badDay.stderr)")
        }
    }
}
