import CreditCore
import Foundation
import Testing

/// `verify` reads the derived state one slice of persons at a time, so that memory follows the
/// slice, not the ledger: it holds no more than a slice's entries at once, still sees a changed
/// row in any slice, a row of a person the entries do not know (before the first id or after the
/// last), and a merged pair whose two ids fall in different slices.
extension LedgerConformance {
    func verifyReadsOneSliceAtATime(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        typealias F = LedgerFixtures
        // Forty persons p00…p39 with three 12 h modules each; p02 (modules N1…N3) is merged into
        // p37 (M1…M3), far apart in the order of ids, which makes p37's route 72 h.
        let persons = (0..<40).map { String(format: "p%02d", $0) }
        let credits = persons.flatMap { person in
            (1...3).map { F.credit(person, person == "p02" ? "N\($0)" : "M\($0)", hours: 12, on: -$0) }
        }
        _ = try await ledger.append(F.batch("b1", credits, persons: persons.map { F.person($0) }))
        let reversed = try #require(try await ledger.entries(person: "p05").first)
        _ = try await ledger.append(F.batch("b2", [F.reversal(of: reversed.id, "p05", reversed.module.rawValue)]))
        _ = try await ledger.recordPersonMerge(Self.merge("p37", "p02"))

        let program = Program(id: "PK-72", title: "72 h", kind: .freeChoice(allowed: nil))
        let routes = ["p10", "p37"].map {
            Route(id: RouteID("r-\($0)"), person: PersonID($0), program: "PK-72", start: F.day(-30), deadline: F.day(150))
        }
        try await ledger.openRoutes(routes)
        let projection = LedgerProjection(standingCredits: try await ledger.standingCredits(person: nil))
        try await ledger.recordVerdicts(
            routes.map { RouteVerdict(projection.progress(of: $0, program: program, asOf: F.now)) })
        #expect(projection.progress(of: routes[1], program: program, asOf: F.now).hoursCredited == 72)

        let sliced = VerificationScope(
            programs: { $0 == program.id ? program : nil }, now: F.now, entriesPerSlice: 10)
        let whole = try await ledger.verify(VerificationScope(programs: sliced.programs, now: F.now))
        #expect(whole.isIntact, "\(whole.problem?.description ?? "")")
        #expect(whole.largestSlice == 121)
        let verification = try await ledger.verify(sliced)
        #expect(verification.isIntact, "\(verification.problem?.description ?? "")")
        #expect(verification.entriesChecked == 121)
        #expect(verification.largestSlice > 0 && verification.largestSlice <= 10)

        // Each change, then its undoing: verify by slices names it, then is intact again.
        let changes: [(change: String, undo: String, expected: (LedgerVerification.Problem?) -> Bool)] = [
            (
                "UPDATE person_totals SET hours = hours + 1 WHERE person_id = 'p38'",
                "UPDATE person_totals SET hours = hours - 1 WHERE person_id = 'p38'",
                { if case .derivedStateDiffers("person_totals", _) = $0 { true } else { false } }
            ),
            (
                "UPDATE person_totals SET modules = 5 WHERE person_id = 'p37'",
                "UPDATE person_totals SET modules = 6 WHERE person_id = 'p37'",
                { if case .derivedStateDiffers("person_totals", _) = $0 { true } else { false } }
            ),
            (
                "INSERT INTO person_totals (person_id, modules, hours) VALUES ('a-ghost', 1, 12)",
                "DELETE FROM person_totals WHERE person_id = 'a-ghost'",
                { if case .derivedStateDiffers("person_totals", let detail) = $0 { detail.contains("a-ghost") } else { false } }
            ),
            (
                "INSERT INTO person_totals (person_id, modules, hours) VALUES ('z-ghost', 1, 12)",
                "DELETE FROM person_totals WHERE person_id = 'z-ghost'",
                { if case .derivedStateDiffers("person_totals", let detail) = $0 { detail.contains("z-ghost") } else { false } }
            ),
            (
                "UPDATE routes SET status = 'open', hours = 60, completed_at = NULL WHERE id = 'r-p37'",
                "",
                { if case .routeVerdictDiffers("r-p37", _, _) = $0 { true } else { false } }
            ),
            (
                "UPDATE routes SET status = 'completed', hours = 72 WHERE id = 'r-p10'",
                "",
                { if case .routeVerdictDiffers("r-p10", _, _) = $0 { true } else { false } }
            ),
        ]
        var restore: [String] = []
        for (change, undo, expected) in changes {
            try await backend.execute(change)
            let found = try await ledger.verify(sliced).problem
            #expect(expected(found), "\(change): \(found?.description ?? "intact")")
            if undo.isEmpty { continue }
            try await backend.execute(undo)
            let again = try await ledger.verify(sliced)
            #expect(again.isIntact, "after \(undo): \(again.problem?.description ?? "")")
            restore.append(undo)
        }
        #expect(restore.count == 4)
    }
}
