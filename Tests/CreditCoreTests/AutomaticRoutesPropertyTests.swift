import CreditCore
import Foundation
import Testing

/// Properties of the automatic routes over seeded random ledgers: a pure function of the credits.
@Suite("Automatic routes: properties")
struct AutomaticRoutesPropertyTests {
    static let seeds: [UInt64] = Array(1...200)

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
        return calendar
    }

    /// The routes the random ledger's program gives its person, opening by itself, with the random
    /// route kept as a registrar's.
    static func routes(_ ledger: RandomLedger, entries: [LedgerEntry]) -> [Route] {
        var program = ledger.program
        program.opensAutomatically = true
        let projection = LedgerProjection(entries: entries)
        return AutomaticRoutes(program: program, calendar: calendar).routes(
            of: ledger.route.person, credits: projection.standingCredits(of: ledger.route.person),
            recorded: [ledger.route], now: ledger.asOf)
    }

    @Test("entry order never changes the automatic routes", arguments: seeds)
    func orderDoesNotMatter(seed: UInt64) {
        let ledger = RandomLedger(seed: seed)
        var rng = SplitMix64(seed: seed ^ 0x5EED)
        let expected = Self.routes(ledger, entries: ledger.entries)
        for _ in 0..<5 {
            #expect(Self.routes(ledger, entries: ledger.entries.shuffled(using: &rng)) == expected, "seed \(seed)")
        }
    }

    @Test("automatic routes overlap neither each other nor the registrar's, and cover every credit they can", arguments: seeds)
    func coverWithoutOverlap(seed: UInt64) {
        let ledger = RandomLedger(seed: seed)
        let routes = Self.routes(ledger, entries: ledger.entries)
        let all = routes + [ledger.route]
        for route in routes {
            #expect(route.firstOverlap(in: all) == nil, "seed \(seed): \(route.id)")
            #expect(route.start == Self.calendar.startOfDay(for: route.start), "seed \(seed): starts at a day's start")
        }
        let projection = LedgerProjection(entries: ledger.entries)
        for credit in projection.standingCredits(of: ledger.route.person)
        where credit.occurredAt <= ledger.asOf && ledger.program.includes(credit.module) {
            if all.contains(where: { $0.contains(credit.occurredAt) }) { continue }
            // Not covered: only because a route from its day would overlap the registrar's.
            let start = Self.calendar.startOfDay(for: credit.occurredAt)
            let would = ledger.program.openRoute(id: "x", for: credit.person, start: start, calendar: Self.calendar)
            #expect(would.firstOverlap(in: [ledger.route]) != nil, "seed \(seed): \(credit.entry) left uncovered")
        }
    }
}
