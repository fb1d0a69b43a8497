import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("Reverse a credit")
struct ReverseCreditTests {
    func reverse(_ entry: String, _ fixture: Fixture) async throws -> ReverseCredit.Result {
        try await ReverseCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(entry: entry, document: "приказ 6", operator: "Петрова", reason: "ошибка"))
    }

    /// Writes the reversal the sync writes when a site's policy reverses a revoked completion.
    func reverseBySync(_ credit: LedgerEntry, key: String, _ fixture: Fixture) async throws {
        _ = try await fixture.ledger.append(
            LedgerBatch(
                id: "run-1-north-1", kind: .sync, actor: "north", description: "sync of north", recordedAt: fixture.now,
                entries: [
                    LedgerBatch.Draft(
                        person: credit.person, module: credit.module, hours: credit.hours, form: credit.form,
                        kind: .reversal(of: credit.id), occurredAt: fixture.now,
                        source: .moodle(site: "north", courseID: 2, userID: 7), idempotencyKey: key,
                        note: "Moodle reports the completion as no longer complete")
                ]))
    }

    @Test("a credit is reversed once; a second reversal is refused naming the first")
    func twice() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        let reversed = try await reverse("E1", fixture)
        #expect(reversed.credit.id == "E1" && reversed.reversalKey == Reversal.key(of: "E1"))
        let again = await fixture.refusal { try await reverse("E1", fixture) }
        #expect(again?.kind == .notReversible && again?.exitStatus == .badInput)
        #expect(again?.message.hasPrefix("E1 is already reversed by E2 (by Петрова on 2026-06-01, приказ 6") == true)
        #expect(try await fixture.ledger.entryCount() == 2)
    }

    @Test("a credit the sync reversed by a site's policy cannot be reversed again by hand")
    func afterTheSync() async throws {
        for key in [Reversal.key(of: "E1"), "revoked/E1"] {
            let fixture = try Fixture()
            _ = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
            let credit = try #require(try await fixture.ledger.entries(person: nil).first)
            try await reverseBySync(credit, key: key, fixture)
            let refused = await fixture.refusal { try await reverse("E1", fixture) }
            #expect(refused?.kind == .notReversible)
            #expect(refused?.message.hasPrefix("E1 is already reversed by E2 (by the sync of site north") == true)
            #expect(try await fixture.ledger.entryCount() == 2)
        }
    }

    @Test("the sync's reversal and a reversal by hand share one key: whichever comes second writes nothing")
    func oneKey() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        let credit = try #require(try await fixture.ledger.entries(person: nil).first)
        _ = try await reverse("E1", fixture)
        try await reverseBySync(credit, key: Reversal.key(of: credit.id), fixture)
        #expect(try await fixture.ledger.entryCount() == 2)
    }

    @Test("an unknown entry and a reversal are refused")
    func notACredit() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        let unknown = await fixture.refusal { try await reverse("E9", fixture) }
        #expect(unknown?.kind == .unknown && unknown?.message == "no entry E9 in the ledger")
        _ = try await reverse("E1", fixture)
        let reversal = await fixture.refusal { try await reverse("E2", fixture) }
        #expect(reversal?.message == "E2 is itself a reversal; it cannot be reversed")
    }
}
