import BridgeApplication
import CreditCore
import CreditReports
import Foundation
import Testing

@Suite("Re-hour a module's credits")
struct RehourCreditsTests {
    /// The region's mapping with one module's hours changed, as after an edit of the mapping files.
    func mapping(_ fixture: Fixture, module: ModuleID, hours: Int) -> RegionMapping {
        var mapping = fixture.mapping
        let index = mapping.modules.firstIndex { $0.module.id == module }!
        mapping.modules[index].module.hours = CreditHours(hours)
        return mapping
    }

    func rehour(
        _ mapping: RegionMapping, _ fixture: Fixture, module: String = "OCH-MET-01", dryRun: Bool = false
    ) async throws -> RehourCredits.Result {
        try await RehourCredits(mapping: mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(
                module: module, document: "приказ 12", reason: "объём модуля изменён", operator: "Петрова",
                dryRun: dryRun))
    }

    func standing(_ fixture: Fixture) async throws -> [StandingCredit] {
        try await LedgerSnapshot.read(from: fixture.ledger).standingCredits
    }

    @Test("changed hours are reported, not applied; rehour re-credits each credit at the new hours, once")
    func rehoursOnce() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        let old = try #require(fixture.mapping.module("OCH-MET-01")).hours.value
        let changed = mapping(fixture, module: "OCH-MET-01", hours: old - 6)
        // Until the registrar decides, the credit keeps its hours; the reconciliation says so.
        #expect(try await standing(fixture).map(\.hours.value) == [old])
        let mismatches = Reconcile.hourMismatches(snapshot: try await LedgerSnapshot.read(from: fixture.ledger), mapping: changed)
        #expect(mismatches.map(\.module) == ["OCH-MET-01"])

        let planned = try await rehour(changed, fixture, dryRun: true)
        #expect(planned.changes.map(\.oldHours) == [old] && planned.written == 0)
        #expect(try await standing(fixture).map(\.hours.value) == [old])

        let done = try await rehour(changed, fixture)
        #expect(done.written == 2 && done.changes.map(\.newHours) == [old - 6])
        let credits = try await standing(fixture)
        #expect(credits.map(\.hours.value) == [old - 6])
        #expect(credits.first?.occurredAt == Fixture.day("2026-03-14"))
        #expect(
            Reconcile.hourMismatches(snapshot: try await LedgerSnapshot.read(from: fixture.ledger), mapping: changed)
                .isEmpty)
        // Again: nothing left at other hours.
        let again = try await rehour(changed, fixture)
        #expect(again.changes.isEmpty && again.written == 0)
        #expect(try await fixture.ledger.verify().isIntact)
    }

    @Test("a module the mapping does not name needs --hours; an unknown module is refused")
    func refusals() async throws {
        let fixture = try Fixture()
        let unknown = await fixture.refusal { try await rehour(fixture.mapping, fixture, module: "NO-SUCH") }
        #expect(unknown?.message == "module NO-SUCH is not in the mapping files: give its new hours with --hours")
        let wrong = await fixture.refusal {
            try await RehourCredits(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
                .init(module: "OCH-MET-01", hours: 3, document: "d", reason: "r", operator: "o"))
        }
        #expect(wrong?.message.hasPrefix("module OCH-MET-01 has ") == true)
    }
}
