import CreditCore
import Foundation
import Testing

/// The projection's rules: entries → standing credits → each person's modules and hours → routes.
@Suite("Ledger projection")
struct LedgerProjectionTests {
    let free = Program.freeChoice()

    @Test("a reversal removes its credit from the standing credits, the person's hours and the months")
    func reversalRemoves() {
        var ledger = LedgerWriter()
        let kept = ledger.credit("m1", 36, on: "2026-02-01")
        let withdrawn = ledger.credit("m2", 18, on: "2026-02-10")
        let reversal = ledger.reverse(withdrawn, on: "2026-03-01")
        let projection = LedgerProjection(entries: ledger.entries)
        #expect(projection.standingCredits.map(\.entry) == [kept.id])
        #expect(projection.reversal(of: withdrawn.id) == reversal.id)
        #expect(projection.standing(of: "p-1").hours == 36)
        #expect(projection.personTotals() == [PersonTotal(person: "p-1", modules: 1, hours: 36)])
        #expect(projection.months(utcOffsetSeconds: 0).map(\.credits) == [1])
    }

    @Test("a reversal written before its credit in the input still cancels it; order does not matter")
    func orderDoesNotMatter() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        let withdrawn = ledger.credit("m2", 18, on: "2026-02-10")
        ledger.reverse(withdrawn, on: "2026-03-01")
        let forward = LedgerProjection(entries: ledger.entries)
        let backward = LedgerProjection(entries: ledger.entries.reversed())
        #expect(forward.standingCredits == backward.standingCredits)
        #expect(forward.personTotals() == backward.personTotals())
    }

    @Test("a module counts once per person, by its earliest standing credit, whichever site or form")
    func moduleCountsOnce() {
        var ledger = LedgerWriter()
        let later = ledger.credit("ict-01", 36, on: "2026-03-01", site: "south")
        let earlier = ledger.credit("ict-01", 36, on: "2026-02-01", site: "north")
        ledger.credit("ict-01", 36, on: "2026-03-02", form: .inPerson)
        ledger.credit("sem-01", 6, on: "2026-03-05", form: .seminar)
        let projection = LedgerProjection(entries: ledger.entries)
        let standing = projection.standing(of: "p-1")
        #expect(standing.modules.map(\.entry) == [earlier.id, projection.standingCredits.last!.entry])
        #expect(standing.hours == 42)
        #expect(projection.standingCredits.count == 4)

        // Reversing the counting credit hands the module to the next one.
        ledger.reverse(earlier, on: "2026-04-01")
        let after = LedgerProjection(entries: ledger.entries).standing(of: "p-1")
        #expect(after.modules.first?.entry == later.id)
        #expect(after.hours == 42)
    }

    @Test("month × form × category totals count distinct learners, credits and hours at the offset")
    func monthlyTotals() {
        var anna = LedgerWriter(person: "anna")
        anna.credit("m1", 36, on: "2026-01-31 22:30")  // 1 February at UTC+3
        anna.credit("m2", 6, on: "2026-02-10")
        var boris = LedgerWriter(person: "boris")
        boris.credit("m1", 36, on: "2026-02-03")
        let projection = LedgerProjection(entries: anna.entries + boris.entries.map { entry in
            var renamed = entry
            renamed.id = EntryID("b-\(entry.id.rawValue)")
            return renamed
        })
        let categories: [PersonID: LearnerCategory] = ["anna": .teacher, "boris": .methodist]
        let moscow = projection.monthlyTotals(utcOffsetSeconds: 10_800) { categories[$0]! }
        #expect(
            moscow == [
                MonthlyTotal(
                    month: YearMonth("2026-02")!, form: .distance, category: .methodist, learners: 1, credits: 1,
                    hours: 36),
                MonthlyTotal(
                    month: YearMonth("2026-02")!, form: .distance, category: .teacher, learners: 1, credits: 2,
                    hours: 42),
            ])
        let utcMonths = projection.monthlyTotals(utcOffsetSeconds: 0) { categories[$0]! }.map(\.month.description)
        #expect(utcMonths == ["2026-01", "2026-02", "2026-02"])
    }

    @Test("a route's progress and verdict at a date come from the person's standing credits")
    func routeProgressAtADate() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        let withdrawn = ledger.credit("m2", 18, on: "2026-02-10")
        ledger.credit("m3", 18, on: "2026-03-10")
        let crossing = ledger.credit("m4", 18, on: "2026-04-10")
        var other = LedgerWriter(person: "p-2")
        other.credit("m5", 36, on: "2026-02-01")
        let route = free.route(startingOn: "2026-01-15")
        let projection = LedgerProjection(entries: ledger.entries + other.entries.map { entry in
            var renamed = entry
            renamed.id = EntryID("o-\(entry.id.rawValue)")
            return renamed
        })

        let inFebruary = projection.progress(of: route, program: free, asOf: day("2026-03-01"))
        #expect(inFebruary.status == .open)
        #expect(inFebruary.hoursCredited == 54)
        let inApril = projection.progress(of: route, program: free, asOf: day("2026-04-30"))
        #expect(inApril.status == .completed)
        #expect(inApril.completedAt == day("2026-03-10"))

        ledger.reverse(withdrawn, on: "2026-05-01")
        let reversed = LedgerProjection(entries: ledger.entries)
        let atDeadline = reversed.progress(of: route, program: free, asOf: route.deadline)
        #expect(atDeadline.status == .completed)
        #expect(atDeadline.completingEntry == crossing.id)
        #expect(atDeadline.ignored.map(\.reason) == [.reversed(by: ledger.entries.last!.id)])
        let beforeTheCrossing = reversed.progress(of: route, program: free, asOf: day("2026-04-01"))
        #expect(beforeTheCrossing.status == .open)
        #expect(beforeTheCrossing.remaining == 18)
        let expired = reversed.progress(of: route, program: Program.freeChoice(target: 144), asOf: route.deadline)
        #expect(expired.status == .expired)
        #expect(expired.statement?.totalHours == 72)
    }

    @Test("the projection of standing credits gives what the projection of the entries gives")
    func fromStandingCredits() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        let withdrawn = ledger.credit("m2", 18, on: "2026-02-10")
        ledger.credit("m1", 36, on: "2026-01-10", site: "south")
        ledger.reverse(withdrawn, on: "2026-03-01")
        let fromEntries = LedgerProjection(entries: ledger.entries)
        let fromStanding = LedgerProjection(standingCredits: fromEntries.standingCredits.reversed())
        #expect(fromStanding.standingCredits == fromEntries.standingCredits)
        #expect(fromStanding.personTotals() == fromEntries.personTotals())
        let route = free.route(startingOn: "2026-01-05")
        #expect(
            fromStanding.progress(of: route, program: free, asOf: day("2026-06-01")).counted
                == fromEntries.progress(of: route, program: free, asOf: day("2026-06-01")).counted)
    }

    @Test("verify names the table whose rows differ from the entries")
    func differenceNamesTheTable() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        ledger.credit("m2", 6, on: "2026-02-03")
        let projection = LedgerProjection(entries: ledger.entries)
        let months = StandingMonths(utcOffsetSeconds: 0, rows: projection.months(utcOffsetSeconds: 0))
        let faithful = MaterialisedStanding(
            credits: projection.standingCredits, modules: projection.standing(of: "p-1").modules,
            totals: projection.personTotals(), months: months)
        #expect(projection.difference(from: faithful) == nil)
        var inflated = faithful
        inflated.totals[0].hours = 72
        guard case .derivedStateDiffers(let table, let detail) = projection.difference(from: inflated) else {
            Issue.record("an inflated total went unnoticed")
            return
        }
        #expect(table == "person_totals")
        #expect(detail.contains("p-1"))
        var missing = faithful
        missing.credits.removeFirst()
        #expect(projection.difference(from: missing)?.description.contains("standing_credits") == true)
    }

    @Test("months are counted by arithmetic the way a calendar counts them")
    func civilDays() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 10_800)!
        for seconds in stride(from: -86_400 * 800, to: 86_400 * 40_000, by: 86_400 * 7 + 3_607) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = CivilDay(date, utcOffsetSeconds: 10_800)
            let expected: [Int] = [parts.year!, parts.month!, parts.day!]
            #expect([civil.year, civil.month, civil.day] as [Int] == expected)
        }
    }
}
