import CreditCore
import Foundation
import Testing

/// The merge log: a merge counts the other person's credits as the kept one's (each module once),
/// in the standing tables and the projection alike; an unmerge restores exactly what stood before;
/// the log is append-only and hash-chained.
extension LedgerConformance {
    static func merge(_ keep: PersonID, _ other: PersonID, kind: PersonMerge.Kind = .merge) -> PersonMerge {
        PersonMerge(
            kind: kind, keep: keep, other: other, reason: "one teacher on two sites", actor: "registrar",
            recordedAt: LedgerFixtures.now)
    }

    /// Everything the standing tables hold, in a form to compare.
    struct StandingSnapshot: Equatable {
        var credits: Set<StandingCredit>
        var totals: [PersonTotal]
        var months: Set<MonthStanding>

        init(_ ledger: any LedgerStore) async throws {
            credits = Set(try await ledger.standingCredits(person: nil))
            totals = try await ledger.standingTotals()
            months = Set(try await ledger.standingMonths().rows)
        }
    }

    func mergeAndUnmerge(_ ledger: any LedgerStore) async throws {
        typealias F = LedgerFixtures
        // p1 and p2 are one teacher: both credited ICT-01 (p2 earlier), each one more module.
        _ = try await ledger.append(
            F.batch(
                "b1",
                [
                    F.credit("p1", "ICT-01", hours: 36, on: 3), F.credit("p1", "ICT-02", hours: 6, on: 4),
                    F.credit("p2", "ICT-01", hours: 36, on: 1), F.credit("p2", "SEM-01", hours: 8, form: .seminar),
                    F.credit("p3", "ICT-01", hours: 36),
                ],
                persons: [F.person("p1"), F.person("p2"), F.person("p3")]))
        let before = try await StandingSnapshot(ledger)
        #expect(
            before.totals == [
                PersonTotal(person: "p1", modules: 2, hours: 42), PersonTotal(person: "p2", modules: 2, hours: 44),
                PersonTotal(person: "p3", modules: 1, hours: 36),
            ])

        let recorded = try await ledger.recordPersonMerge(Self.merge("p1", "p2"))
        #expect(recorded.position == 1)
        // ICT-01 counts once (p2's earlier credit), SEM-01 joins: 36 + 6 + 8.
        #expect(
            try await ledger.standingTotals() == [
                PersonTotal(person: "p1", modules: 3, hours: 50), PersonTotal(person: "p3", modules: 1, hours: 36),
            ])
        #expect(try await ledger.standingCredits(person: "p2").isEmpty)
        #expect(try await ledger.standingCredits(person: "p1").count == 4)
        #expect(try await ledger.projection(of: "p1").standing(of: "p1").total.hours == 50)
        // The entries themselves are untouched.
        #expect(try await ledger.entries(person: "p2").count == 2)
        try await Self.expectStandingMatchesEntries(ledger)

        // Undone: exactly what stood before.
        let undone = try await ledger.recordPersonMerge(Self.merge("p1", "p2", kind: .unmerge))
        #expect(undone.position == 2)
        #expect(try await StandingSnapshot(ledger) == before)
        try await Self.expectStandingMatchesEntries(ledger)

        // Merged again, a new credit of p2 and a reversal of p2's counting credit follow the merge.
        _ = try await ledger.recordPersonMerge(Self.merge("p1", "p2"))
        _ = try await ledger.append(F.batch("b2", [F.credit("p2", "ICT-03", hours: 12, on: 5)]))
        #expect(try await ledger.standingTotals().first == PersonTotal(person: "p1", modules: 4, hours: 62))
        try await Self.expectStandingMatchesEntries(ledger)
        let counting = try await ledger.entries(person: "p2").first { $0.module == "ICT-01" }!
        _ = try await ledger.append(F.batch("b3", [F.reversal(of: counting.id, "p2", "ICT-01", hours: 36)]))
        // p1's own ICT-01 counts now.
        #expect(try await ledger.standingTotals().first == PersonTotal(person: "p1", modules: 4, hours: 62))
        #expect(
            try await ledger.standingCredits(person: "p1").contains { $0.module == "ICT-01" && $0.entry == "E1" })
        try await Self.expectStandingMatchesEntries(ledger)
        _ = try await ledger.recordPersonMerge(Self.merge("p1", "p2", kind: .unmerge))
        #expect(
            try await ledger.standingTotals() == [
                PersonTotal(person: "p1", modules: 2, hours: 42), PersonTotal(person: "p2", modules: 2, hours: 20),
                PersonTotal(person: "p3", modules: 1, hours: 36),
            ])
        try await Self.expectStandingMatchesEntries(ledger)
        #expect(try await ledger.personMerges().map(\.merge.kind) == [.merge, .unmerge, .merge, .unmerge])
    }

    func mergedKeys(_ ledger: any LedgerStore) async throws {
        typealias F = LedgerFixtures
        _ = try await ledger.append(
            F.batch(
                "b1", [], persons: [F.person("p1"), F.person("p2")],
                keys: [
                    PersonKey(kind: .moodleUser("ripk"), value: "4", person: "p1"),
                    PersonKey(kind: .moodleUser("north"), value: "9", person: "p2"),
                ]))
        let key = PersonKey.Lookup(kind: .moodleUser("north"), value: "9")
        _ = try await ledger.recordPersonMerge(Self.merge("p1", "p2"))
        #expect(try await ledger.person(kind: .moodleUser("north"), value: "9") == "p1")
        #expect(try await ledger.persons(keys: [key]) == [key: "p1"])
        _ = try await ledger.recordPersonMerge(Self.merge("p1", "p2", kind: .unmerge))
        #expect(try await ledger.person(kind: .moodleUser("north"), value: "9") == "p2")
        #expect(try await ledger.persons(keys: [key]) == [key: "p2"])
    }

    func mergeRefusals(_ ledger: any LedgerStore) async throws {
        typealias F = LedgerFixtures
        _ = try await ledger.append(
            F.batch("b1", [F.credit("p1", "ICT-01"), F.credit("p2", "ICT-02"), F.credit("p3", "ICT-03")]))
        await #expect(throws: PersonMergeRefusal.samePerson("p1")) {
            try await ledger.recordPersonMerge(Self.merge("p1", "p1"))
        }
        await #expect(throws: PersonMergeRefusal.notMerged("p2")) {
            try await ledger.recordPersonMerge(Self.merge("p1", "p2", kind: .unmerge))
        }
        _ = try await ledger.recordPersonMerge(Self.merge("p1", "p2"))
        // A chain: p2 is merged already, and p1 holds a merged person.
        await #expect(throws: PersonMergeRefusal.alreadyMerged("p2", into: "p1")) {
            try await ledger.recordPersonMerge(Self.merge("p2", "p3"))
        }
        await #expect(throws: PersonMergeRefusal.hasMergedPersons("p1", ["p2"])) {
            try await ledger.recordPersonMerge(Self.merge("p3", "p1"))
        }
        await #expect(throws: PersonMergeRefusal.notMerged("p2")) {
            try await ledger.recordPersonMerge(Self.merge("p3", "p2", kind: .unmerge))
        }
        #expect(try await ledger.personMerges().count == 1)
        try await Self.expectStandingMatchesEntries(ledger)
    }

    func mergeLogGuarded(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        typealias F = LedgerFixtures
        _ = try await ledger.append(F.batch("b1", [F.credit("p1", "ICT-01"), F.credit("p2", "ICT-02")]))
        _ = try await ledger.recordPersonMerge(Self.merge("p1", "p2"))
        _ = try await ledger.recordPersonMerge(Self.merge("p1", "p2", kind: .unmerge))
        #expect(try await ledger.verify().isIntact)
        for sql in [
            "UPDATE person_merges SET reason = 'typo' WHERE position = 1",
            "DELETE FROM person_merges WHERE position = 2",
        ] {
            let error = await #expect(throws: (any Error).self) { try await backend.execute(sql) }
            #expect(String(describing: error).contains("append-only"), "\(sql) was refused for another reason")
        }
        for sql in backend.liftMergeGuards { try await backend.execute(sql) }
        try await backend.execute("UPDATE person_merges SET reason = 'typo' WHERE position = 1")
        let verification = try await ledger.verify()
        #expect(verification.problem == .mergeAltered(position: 1))
        #expect(verification.problem?.description.contains("person_merges") == true)
    }
}
