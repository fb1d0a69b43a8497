import CreditCore
import Foundation
import Testing

/// Worked examples of the accumulation rules, in the regulations' own terms.
@Suite("Accumulation: worked examples")
struct AccumulatorExampleTests {
    let free = Program.freeChoice()

    @Test("four modules of 18 h complete the course on the fourth credit")
    func fourModulesOf18() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 18, on: "2026-01-20")
        ledger.credit("m2", 18, on: "2026-02-10")
        ledger.credit("m3", 18, on: "2026-03-05")
        let fourth = ledger.credit("m4", 18, on: "2026-04-01")
        let progress = Accumulator(program: free).progress(
            of: free.route(startingOn: "2026-01-15"), entries: ledger.entries, asOf: day("2026-05-01"))
        #expect(progress.status == .completed)
        #expect(progress.hoursCredited == 72)
        #expect(progress.remaining == 0)
        #expect(progress.completedAt == day("2026-04-01"))
        #expect(progress.completingEntry == fourth.id)
    }

    @Test("70 h at the deadline: expired, with a statement of 70 h")
    func seventyHoursAtDeadline() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        ledger.credit("m2", 24, on: "2026-03-01")
        ledger.credit("m3", 10, on: "2026-06-30")
        let route = free.route(startingOn: "2026-01-15")
        #expect(route.deadline == day("2026-07-15"))
        let progress = Accumulator(program: free).progress(
            of: route, entries: ledger.entries, asOf: route.deadline)
        #expect(progress.status == .expired)
        #expect(progress.remaining == 2)
        #expect(progress.statement?.totalHours == 70)
        #expect(progress.statement?.modules.map(\.module) == ["m1", "m2", "m3"])
    }

    @Test("the same route is still open the day before its deadline")
    func openBeforeDeadline() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        let route = free.route(startingOn: "2026-01-15")
        let progress = Accumulator(program: free).progress(
            of: route, entries: ledger.entries, asOf: day("2026-07-14"))
        #expect(progress.status == .open)
        #expect(progress.remaining == 36)
        #expect(progress.statement == nil)
    }

    @Test("a module completed on two sites and in person counts once")
    func moduleCountsOnce() {
        var ledger = LedgerWriter()
        let first = ledger.credit("ict-01", 36, on: "2026-02-01", site: "north")
        let again = ledger.credit("ict-01", 36, on: "2026-03-01", site: "south")
        let inPerson = ledger.credit("ict-01", 36, on: "2026-03-02", form: .inPerson)
        let progress = Accumulator(program: free).progress(
            of: free.route(startingOn: "2026-01-15"), entries: ledger.entries, asOf: day("2026-05-01"))
        #expect(progress.hoursCredited == 36)
        #expect(progress.status == .open)
        #expect(progress.counted.map(\.entry) == [first.id])
        #expect(progress.ignored.map(\.reason) == [.alreadyCounted(by: first.id), .alreadyCounted(by: first.id)])
        #expect(Set(progress.ignored.map(\.entry)) == [again.id, inPerson.id])
    }

    @Test("84 h: the course is completed by the credit that crossed 72 h")
    func crossingCreditCompletes() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        ledger.credit("m2", 24, on: "2026-02-15")
        let crossing = ledger.credit("m3", 18, on: "2026-03-01")
        ledger.credit("m4", 6, on: "2026-03-20")
        let progress = Accumulator(program: free).progress(
            of: free.route(startingOn: "2026-01-15"), entries: ledger.entries, asOf: day("2026-05-01"))
        #expect(progress.hoursCredited == 84)
        #expect(progress.completedAt == day("2026-03-01"))
        #expect(progress.completingEntry == crossing.id)
    }

    @Test("credits before the start or after the deadline do not count")
    func outsideWindow() {
        var ledger = LedgerWriter()
        ledger.credit("m0", 36, on: "2026-01-10")
        ledger.credit("m1", 36, on: "2026-02-01")
        ledger.credit("m2", 36, on: "2026-07-15")
        let route = free.route(startingOn: "2026-01-15")
        let progress = Accumulator(program: free).progress(
            of: route, entries: ledger.entries, asOf: day("2026-08-01"))
        #expect(progress.status == .expired)
        #expect(progress.hoursCredited == 36)
        #expect(progress.ignored.map(\.reason) == [.outsideWindow, .outsideWindow])
    }

    @Test("a reversal withdraws the credit, and the route falls short again")
    func reversalWithdrawsCredit() {
        var ledger = LedgerWriter()
        ledger.credit("m1", 36, on: "2026-02-01")
        let revoked = ledger.credit("m2", 36, on: "2026-03-01")
        let reversal = ledger.reverse(revoked, on: "2026-03-10")
        let progress = Accumulator(program: free).progress(
            of: free.route(startingOn: "2026-01-15"), entries: ledger.entries, asOf: day("2026-04-01"))
        #expect(progress.status == .open)
        #expect(progress.hoursCredited == 36)
        #expect(
            progress.ignored == [IgnoredCredit(entry: revoked.id, module: "m2", reason: .reversed(by: reversal.id))])
    }

    @Test("a module outside the program's bounds of 2…36 h does not count")
    func hoursOutOfBounds() {
        var ledger = LedgerWriter()
        ledger.credit("long", 40, on: "2026-02-01")
        ledger.credit("short", 1, on: "2026-02-02")
        ledger.credit("ok", 2, on: "2026-02-03")
        let progress = Accumulator(program: free).progress(
            of: free.route(startingOn: "2026-01-15"), entries: ledger.entries, asOf: day("2026-04-01"))
        #expect(progress.hoursCredited == 2)
        #expect(progress.ignored.map(\.reason) == [.hoursOutOfBounds, .hoursOutOfBounds])
    }

    @Test("a trajectory completes when its last listed module is credited")
    func trajectoryCompletes() {
        let trajectory = Program.trajectory(["t1", "t2", "t3"], ordered: false)
        var ledger = LedgerWriter()
        ledger.credit("t3", 24, on: "2026-02-01")
        ledger.credit("other", 36, on: "2026-02-05")
        ledger.credit("t1", 24, on: "2026-03-01")
        let last = ledger.credit("t2", 24, on: "2026-04-01")
        let progress = Accumulator(program: trajectory).progress(
            of: trajectory.route(startingOn: "2026-01-15"), entries: ledger.entries,
            asOf: day("2026-05-01"))
        #expect(progress.status == .completed)
        #expect(progress.completingEntry == last.id)
        #expect(progress.hoursCredited == 72)
        #expect(progress.ignored.map(\.reason) == [.notInProgram])
    }

    @Test("an ordered trajectory counts a module only after the ones listed before it")
    func orderedTrajectory() {
        let trajectory = Program.trajectory(["t1", "t2", "t3"], ordered: true)
        var ledger = LedgerWriter()
        ledger.credit("t2", 24, on: "2026-02-01")
        ledger.credit("t1", 24, on: "2026-02-10")
        ledger.credit("t2", 24, on: "2026-03-01", site: "south")
        let progress = Accumulator(program: trajectory).progress(
            of: trajectory.route(startingOn: "2026-01-15"), entries: ledger.entries,
            asOf: day("2026-04-01"))
        #expect(progress.modulesCounted == ["t1", "t2"])
        #expect(progress.missingModules == ["t3"])
        #expect(progress.ignored.map(\.reason) == [.outOfOrder])
        #expect(progress.status == .open)
    }

    @Test(
        "route deadline is the start plus the program's duration",
        arguments: [
            ("2026-01-15", 6, "2026-07-15"), ("2026-08-31", 6, "2027-02-28"),
            ("2026-03-01", 12, "2027-03-01"),
        ])
    func deadline(start: String, months: Int, deadline: String) {
        var program = free
        program.durationMonths = months
        #expect(program.route(startingOn: start).deadline == day(deadline))
    }
}
