import CreditCore
import Foundation
import Testing

/// The standing state a ledger keeps beside its entries: equal to the projection of the entries
/// after every kind of append, and checked by `verify`.
extension LedgerConformance {
    /// What the ledger keeps, against the projection of its own entries under the merges in force.
    public static func expectStandingMatchesEntries(_ ledger: any LedgerStore) async throws {
        let projection = LedgerProjection(
            entries: try await ledger.entries(person: nil), merges: try await ledger.mergesInForce())
        #expect(Set(try await ledger.standingCredits(person: nil)) == Set(projection.standingCredits))
        #expect(try await ledger.standingTotals() == projection.personTotals())
        let months = try await ledger.standingMonths()
        #expect(Set(months.rows) == Set(projection.months(utcOffsetSeconds: months.utcOffsetSeconds)))
        for person in projection.persons {
            #expect(
                Set(try await ledger.standingCredits(person: person)) == Set(projection.standingCredits(of: person)))
        }
        #expect(try await ledger.verify().isIntact)
    }

    func standingFollowsEntries(_ ledger: any LedgerStore) async throws {
        typealias F = LedgerFixtures
        // p1: ICT-01 from two sites (counts once), a later-appended credit that occurred earlier
        // (it becomes the counting one), and ICT-02 on a day near a month's end.
        _ = try await ledger.append(
            F.batch(
                "b1",
                [
                    F.credit("p1", "ICT-01", hours: 36, on: 3), F.credit("p1", "ICT-02", hours: 6, on: 1),
                    F.credit("p2", "SEM-01", hours: 8, form: .seminar),
                ],
                persons: [F.person("p1"), F.person("p2", category: .methodist)]))
        try await Self.expectStandingMatchesEntries(ledger)
        _ = try await ledger.append(
            F.batch("b2", [F.credit("p1", "ICT-01", hours: 36, on: 0, key: "north/ICT-01/p1")]))
        try await Self.expectStandingMatchesEntries(ledger)
        #expect(try await ledger.standingTotals().first == PersonTotal(person: "p1", modules: 2, hours: 42))
        let counting = try await ledger.entries(person: "p1").first { $0.idempotencyKey == "north/ICT-01/p1" }!

        // Reversing the counting credit hands the module to the other one; reversing the only
        // credit of a module removes the module.
        _ = try await ledger.append(F.batch("b3", [F.reversal(of: counting.id, "p1", "ICT-01", hours: 36)]))
        try await Self.expectStandingMatchesEntries(ledger)
        #expect(try await ledger.standingTotals().first == PersonTotal(person: "p1", modules: 2, hours: 42))
        let second = try await ledger.entries(person: "p1").first { $0.module == "ICT-02" }!
        _ = try await ledger.append(F.batch("b4", [F.reversal(of: second.id, "p1", "ICT-02", hours: 6)]))
        try await Self.expectStandingMatchesEntries(ledger)
        #expect(try await ledger.standingTotals().first == PersonTotal(person: "p1", modules: 1, hours: 36))

        // A re-import of the same keys changes nothing; a reversal of everything p2 has removes p2.
        _ = try await ledger.append(
            F.batch("b5", [F.credit("p1", "ICT-01", hours: 36, on: 3), F.credit("p2", "SEM-01", hours: 8, form: .seminar)]))
        try await Self.expectStandingMatchesEntries(ledger)
        let seminar = try await ledger.entries(person: "p2").first!
        _ = try await ledger.append(F.batch("b6", [F.reversal(of: seminar.id, "p2", "SEM-01", hours: 8)]))
        try await Self.expectStandingMatchesEntries(ledger)
        #expect(try await ledger.standingTotals().map(\.person) == ["p1"])
        #expect(try await ledger.standingCredits(person: "p2").isEmpty)
    }

    func verifyDetectsTamperedStanding(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        typealias F = LedgerFixtures
        _ = try await ledger.append(
            F.batch(
                "b1", [F.credit("p1", "ICT-01", hours: 36), F.credit("p1", "ICT-02", hours: 6), F.credit("p2", "ICT-01")]
            ))
        #expect(try await ledger.verify().isIntact)
        // In the reverse of the order verify reads the tables, so each change is the first it meets.
        let tampering: [(sql: String, table: String)] = [
            ("UPDATE standing_months SET credits = 5 WHERE person_id = 'p2'", "standing_months"),
            ("UPDATE person_totals SET hours = hours + 36 WHERE person_id = 'p1'", "person_totals"),
            ("UPDATE standing_modules SET hours = 2 WHERE entry_id = 'E3'", "standing_modules"),
            ("DELETE FROM standing_credits WHERE entry_id = 'E2'", "standing_credits"),
        ]
        for (sql, table) in tampering {
            try await backend.execute(sql)
            let verification = try await ledger.verify()
            guard case .derivedStateDiffers(let named, _) = verification.problem else {
                Issue.record("verify did not notice: \(sql)")
                continue
            }
            #expect(named == table)
            #expect(verification.problem?.description.contains(table) == true)
        }
    }
}
