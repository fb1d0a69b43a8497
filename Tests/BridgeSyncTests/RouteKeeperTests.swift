import BridgeSync
import CreditCore
import Foundation
import LedgerSQLite
import Testing

/// Routes that programs open by themselves, and the verdicts recorded after a sync.
@Suite("Routes")
struct RouteKeeperTests {
    let moscow = TimeZone(identifier: "Europe/Moscow")!

    func day(_ text: String, hour: Int = 12) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: hour))!
    }

    func mapping(automatic: Bool) -> RegionMapping {
        RegionMapping(programs: [
            ProgramMapping(
                program: Program(
                    id: "PK-72", title: "Free", kind: .freeChoice(allowed: nil), opensAutomatically: automatic))
        ])
    }

    func credit(_ module: String, _ hours: Int, on date: String, person: String = "p1") -> LedgerBatch.Draft {
        LedgerBatch.Draft(
            person: PersonID(person), module: ModuleID(module), hours: CreditHours(hours), form: .distance,
            occurredAt: day(date), source: .moodle(site: "ripk", courseID: 1, userID: 1),
            idempotencyKey: "\(person)/\(module)")
    }

    func ledger(_ drafts: [LedgerBatch.Draft]) async throws -> SQLiteLedger {
        let ledger = try SQLiteLedger()
        _ = try await ledger.append(
            LedgerBatch(
                id: "b1", kind: .sync, actor: "test", description: "", recordedAt: day("2026-01-01"), entries: drafts))
        return ledger
    }

    @Test(
        "a program that opens by itself opens a route at the first credit; it completes at the credit that crosses 72 h"
    )
    func automaticRoute() async throws {
        let ledger = try await ledger([
            credit("m1", 36, on: "2026-02-10"), credit("m2", 24, on: "2026-03-01"), credit("m3", 12, on: "2026-04-20"),
        ])
        let keeper = RouteKeeper(mapping: mapping(automatic: true), timeZone: moscow)
        let outcome = try await keeper.update(ledger: ledger, now: day("2026-05-01"))
        #expect(outcome == RouteKeeper.Outcome(opened: 1, completed: 1, expired: 0, open: 0))
        let route = try #require(try await ledger.routes(person: "p1").first)
        #expect(route.route.start == day("2026-02-10", hour: 0))
        #expect(route.route.deadline == day("2026-08-10", hour: 0))
        #expect(route.status == .completed && route.completedAt == day("2026-04-20") && route.hoursCredited == 72)
        // Nothing new opens on the next pass.
        #expect(try await keeper.update(ledger: ledger, now: day("2026-05-02")).opened == 0)
    }

    @Test("a route short of the target expires at its deadline, and a later credit opens a new route")
    func expiryAndNextRoute() async throws {
        let ledger = try await ledger([
            credit("m1", 36, on: "2025-01-15"), credit("m2", 34, on: "2025-06-01"), credit("m3", 12, on: "2025-09-01"),
        ])
        let keeper = RouteKeeper(mapping: mapping(automatic: true), timeZone: moscow)
        #expect(try await keeper.update(ledger: ledger, now: day("2025-07-14")) == .init(opened: 1, open: 1))
        #expect(try await ledger.routes(person: "p1").map(\.hoursCredited) == [70])
        #expect(try await keeper.update(ledger: ledger, now: day("2025-07-15")) == .init(expired: 1))
        #expect(try await ledger.routes(person: "p1").first?.status == .expired)
        #expect(
            try await keeper.update(ledger: ledger, now: day("2025-09-02")) == .init(opened: 1, expired: 1, open: 1))
        let routes = try await ledger.routes(person: "p1")
        #expect(routes.map(\.route.start) == [day("2025-01-15", hour: 0), day("2025-09-01", hour: 0)])
        #expect(routes.map(\.hoursCredited) == [70, 12])
    }

    @Test("without opens_automatically no route opens by itself; a registrar's route gets its verdict")
    func registrarRoute() async throws {
        let ledger = try await ledger([credit("m1", 36, on: "2026-02-10"), credit("m2", 36, on: "2026-03-10")])
        let keeper = RouteKeeper(mapping: mapping(automatic: false), timeZone: moscow)
        #expect(try await keeper.update(ledger: ledger, now: day("2026-05-01")).opened == 0)
        #expect(try await ledger.routes(person: nil) == [])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        let program = try #require(mapping(automatic: false).program("PK-72"))
        try await ledger.openRoutes([
            program.openRoute(id: "r1", for: "p1", start: day("2026-03-01", hour: 0), calendar: calendar)
        ])
        let outcome = try await keeper.update(ledger: ledger, now: day("2026-05-01"))
        #expect(outcome.open == 1)
        // Only the credit inside the route's window counts.
        #expect(try await ledger.routes(person: "p1").first?.hoursCredited == 36)
    }

    @Test("a pass for some persons judges only their routes, and every open route the moment has expired")
    func incrementalPass() async throws {
        let ledger = try await ledger([
            credit("m1", 36, on: "2026-02-10"), credit("m2", 36, on: "2026-03-10"),
            credit("m1", 36, on: "2026-02-11", person: "p2"),
        ])
        let keeper = RouteKeeper(mapping: mapping(automatic: false), timeZone: moscow)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        let program = try #require(mapping(automatic: false).program("PK-72"))
        try await ledger.openRoutes([
            program.openRoute(id: "r1", for: "p1", start: day("2026-02-01", hour: 0), calendar: calendar),
            program.openRoute(id: "r2", for: "p2", start: day("2026-02-01", hour: 0), calendar: calendar),
        ])
        let outcome = try await keeper.update(ledger: ledger, now: day("2026-05-01"), persons: ["p1"])
        #expect(outcome == .init(completed: 1, open: 1))
        #expect(try await ledger.routes(person: "p1").first?.status == .completed)
        // p2 was not judged: the route keeps the verdict it was opened with.
        #expect(try await ledger.routes(person: "p2").first?.hoursCredited == 0)
        // Past the deadline p2's open route is judged although none of p2's credits changed.
        let later = try await keeper.update(ledger: ledger, now: day("2026-08-02"), persons: [])
        #expect(later == .init(completed: 1, expired: 1))
        let expired = try #require(try await ledger.routes(person: "p2").first)
        #expect(expired.status == .expired && expired.hoursCredited == 36)
    }
}
