import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import MoodleClient
import Testing

@Suite("Reconcile")
struct ReconcileTests {
    struct Unreachable: Error {}

    @Test("a standing credit whose hours differ from today's mapping is listed; a reversed one is not")
    func hourMismatches() async throws {
        let fixture = try Fixture()
        func credit(_ key: String) -> LedgerBatch.Draft {
            LedgerBatch.Draft(
                person: "P-1", module: "ICT-03", hours: 10, form: .distance, occurredAt: Fixture.day("2026-03-01"),
                source: .moodle(site: "ripk", courseID: 3, userID: 5), idempotencyKey: key)
        }
        _ = try await fixture.ledger.append(
            LedgerBatch(
                id: "b1", kind: .sync, actor: "ripk", description: "", recordedAt: fixture.now,
                entries: [credit("k1"), credit("k2")]))
        _ = try await ReverseCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(entry: "E2", document: "приказ", operator: "Петрова", reason: "ошибка"))
        let reconcile = Reconcile(
            configuration: fixture.configuration, ledger: fixture.opener, connect: { _, _ in throw Unreachable() },
            now: fixture.now)
        let result = try await reconcile.run(sites: [])
        #expect(result.failures.isEmpty)
        let text = result.table.rows.map { $0.map { "\($0)" }.joined(separator: "|") }
        #expect(text.count == 1)
        #expect(text.first?.contains("E1: ledger 10 h, mapping today 12 h") == true)
    }

    @Test("a site that cannot be read is a failure of the result, not of the reconciliation")
    func unreadableSite() async throws {
        let fixture = try Fixture()
        let reconcile = Reconcile(
            configuration: fixture.configuration, ledger: fixture.opener, connect: { _, _ in throw Unreachable() },
            now: fixture.now)
        let site = try #require(fixture.mapping.sites.first?.id)
        let result = try await reconcile.run(sites: [site])
        #expect(result.failures.map(\.site) == [site])
    }
}
