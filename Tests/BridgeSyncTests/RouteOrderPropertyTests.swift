import BridgeSync
import CreditCore
import Foundation
import LedgerSQLite
import Testing

/// Routes and verdicts are a function of the standing credits and the registrar's routes: the same
/// entries appended in any order and any batching, with the route update a sync makes after each
/// batch, give what appending them all at once gives.
@Suite("Routes in any order")
struct RouteOrderPropertyTests {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let now = day(2026, 6, 1)

    static func day(_ year: Int, _ month: Int, _ day: Int, hour: Int = 12) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
    }

    static let mapping = RegionMapping(programs: [
        ProgramMapping(
            program: Program(id: "PK-72", title: "Free", kind: .freeChoice(allowed: nil), opensAutomatically: true)),
        ProgramMapping(
            program: Program(
                id: "TR-3", title: "Trajectory", kind: .trajectory(modules: ["m1", "m2", "m3"], isOrdered: true),
                targetHours: 36, opensAutomatically: true)),
    ])

    /// A small seeded generator (SplitMix64), so each case can be replayed from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A credit, or the reversal of the credit with the given idempotency key.
    struct Item {
        var draft: LedgerBatch.Draft
        var reverses: String?
    }

    /// Credits of four persons over two years, some of one module twice (two sites), some reversed.
    static func items(seed: UInt64) -> [Item] {
        var random = Generator(state: seed)
        var items: [Item] = []
        for person in ["p1", "p2", "p3", "p4"] {
            for index in 0..<Int.random(in: 4...10, using: &random) {
                let module = "m\(Int.random(in: 1...7, using: &random))"
                let site: SiteID = Bool.random(using: &random) ? "ripk" : "north"
                let occurred = day(2024, 1, 1).addingTimeInterval(
                    TimeInterval(Int.random(in: 0..<(850 * 24), using: &random)) * 3_600)
                let key = "\(site)/\(person)/\(index)"
                items.append(
                    Item(
                        draft: LedgerBatch.Draft(
                            person: PersonID(person), module: ModuleID(module),
                            hours: CreditHours([6, 12, 18, 24, 36, 40].randomElement(using: &random)!),
                            form: .distance, occurredAt: occurred, source: .moodle(site: site, courseID: index, userID: 1),
                            idempotencyKey: key)))
            }
        }
        for credit in items where Int.random(in: 0..<6, using: &random) == 0 {
            var reversal = credit.draft
            reversal.idempotencyKey = "reversal/\(credit.draft.idempotencyKey)"
            items.append(Item(draft: reversal, reverses: credit.draft.idempotencyKey))
        }
        return items
    }

    /// The registrar's route: p1 in the free program, for the first half of 2025.
    static func registrarRoutes() -> [Route] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        return [
            mapping.program("PK-72")!.openRoute(
                id: "registrar/p1", for: "p1", start: day(2025, 1, 1, hour: 0), calendar: calendar)
        ]
    }

    /// What is compared: every route with its verdict and origin, by id.
    struct Snapshot: Hashable, CustomStringConvertible {
        var routes: [StoredRoute]
        var description: String {
            routes.map {
                "\($0.route.id) \($0.route.start)…\($0.route.deadline) \($0.status) \($0.hoursCredited.value) h \($0.isAutomatic ? "auto" : "registrar")"
            }.joined(separator: "\n")
        }
    }

    static func snapshot(_ ledger: SQLiteLedger) async throws -> Snapshot {
        Snapshot(routes: try await ledger.routes(person: nil).sorted { $0.route.id.rawValue < $1.route.id.rawValue })
    }

    /// Appends `items` as batches of the given sizes, running the route update a sync runs after
    /// each (for the persons the batch wrote); a reversal whose credit is not in yet waits for a later batch.
    static func feed(_ items: [Item], sizes: [Int], into ledger: SQLiteLedger) async throws {
        let keeper = RouteKeeper(mapping: mapping, timeZone: moscow)
        var pending = items
        var sizes = sizes[...]
        var number = 0
        while !pending.isEmpty {
            let size = min(sizes.popFirst() ?? pending.count, pending.count)
            let chunk = pending.prefix(size)
            pending.removeFirst(size)
            let ids = Dictionary(
                try await ledger.entries(person: nil).map { ($0.idempotencyKey, $0.id) }, uniquingKeysWith: { a, _ in a })
            var drafts: [LedgerBatch.Draft] = []
            for item in chunk {
                guard let target = item.reverses else {
                    drafts.append(item.draft)
                    continue
                }
                guard let id = ids[target] else {
                    pending.append(item)
                    continue
                }
                var draft = item.draft
                draft.kind = .reversal(of: id)
                drafts.append(draft)
            }
            number += 1
            _ = try await ledger.append(
                LedgerBatch(
                    id: BatchID("b\(number)"), kind: .sync, actor: "test", description: "", recordedAt: now,
                    entries: drafts))
            _ = try await keeper.update(ledger: ledger, now: now, persons: Set(drafts.map(\.person)))
        }
    }

    static func fresh() async throws -> SQLiteLedger {
        let ledger = try SQLiteLedger()
        try await ledger.openRoutes(registrarRoutes())
        return ledger
    }

    @Test("the same entries in seeded random orders and batchings give the same routes and verdicts", arguments: [
        UInt64(1), 2, 3, 4, 5, 6,
    ])
    func anyOrderAnyBatching(seed: UInt64) async throws {
        let items = Self.items(seed: seed)
        // All at once: the credits in one batch, the reversals in the next, then one update.
        let whole = try await Self.fresh()
        try await Self.feed(
            items.filter { $0.reverses == nil } + items.filter { $0.reverses != nil },
            sizes: [items.filter { $0.reverses == nil }.count, items.count], into: whole)
        _ = try await RouteKeeper(mapping: Self.mapping, timeZone: Self.moscow).update(ledger: whole, now: Self.now)
        let expected = try await Self.snapshot(whole)
        #expect(expected.routes.contains { $0.isAutomatic } && expected.routes.contains { !$0.isAutomatic })
        #expect(expected.routes.contains { $0.route.program == "TR-3" })

        var random = Generator(state: seed &* 7_919)
        for _ in 0..<8 {
            let order = items.shuffled(using: &random)
            let sizes = (0..<order.count).map { _ in Int.random(in: 1...5, using: &random) }
            let ledger = try await Self.fresh()
            try await Self.feed(order, sizes: sizes, into: ledger)
            let found = try await Self.snapshot(ledger)
            #expect(found == expected, "seed \(seed): expected\n\(expected)\nfound\n\(found)")
        }
    }

    @Test("an earlier credit arriving later moves the automatic route's start, and the verdict with it")
    func earlierCreditMovesTheStart() async throws {
        let ledger = try SQLiteLedger()
        let keeper = RouteKeeper(mapping: Self.mapping, timeZone: Self.moscow)
        func credit(_ key: String, _ module: String, hours: Int, on date: Date) -> LedgerBatch.Draft {
            LedgerBatch.Draft(
                person: "p1", module: ModuleID(module), hours: CreditHours(hours), form: .distance, occurredAt: date,
                source: .moodle(site: "ripk", courseID: 1, userID: 1), idempotencyKey: key)
        }
        _ = try await ledger.append(
            LedgerBatch(
                id: "b1", kind: .sync, actor: "test", description: "", recordedAt: Self.now,
                entries: [credit("k2", "m5", hours: 36, on: Self.day(2025, 9, 10))]))
        _ = try await keeper.update(ledger: ledger, now: Self.now, persons: ["p1"])
        #expect(try await ledger.routes(person: "p1").map(\.route.start) == [Self.day(2025, 9, 10, hour: 0)])
        _ = try await ledger.append(
            LedgerBatch(
                id: "b2", kind: .sync, actor: "test", description: "", recordedAt: Self.now,
                entries: [credit("k1", "m4", hours: 36, on: Self.day(2025, 8, 1))]))
        let outcome = try await keeper.update(ledger: ledger, now: Self.now, persons: ["p1"])
        #expect(outcome.opened == 1 && outcome.withdrawn == 1)
        let routes = try await ledger.routes(person: "p1").filter { $0.route.program == "PK-72" }
        #expect(routes.map(\.route.start) == [Self.day(2025, 8, 1, hour: 0)])
        #expect(routes.map(\.status) == [.completed] && routes.map(\.hoursCredited) == [72])
    }

    @Test("an automatic route a document was issued for stays as it is when an earlier credit arrives")
    func documentedRouteStays() async throws {
        let ledger = try SQLiteLedger()
        let keeper = RouteKeeper(mapping: Self.mapping, timeZone: Self.moscow)
        func credit(_ key: String, _ module: String, on date: Date) -> LedgerBatch.Draft {
            LedgerBatch.Draft(
                person: "p1", module: ModuleID(module), hours: 36, form: .distance, occurredAt: date,
                source: .moodle(site: "ripk", courseID: 1, userID: 1), idempotencyKey: key)
        }
        _ = try await ledger.append(
            LedgerBatch(
                id: "b1", kind: .sync, actor: "test", description: "", recordedAt: Self.now,
                entries: [credit("k2", "m5", on: Self.day(2025, 9, 10)), credit("k3", "m6", on: Self.day(2025, 10, 1))]))
        _ = try await keeper.update(ledger: ledger, now: Self.now, persons: ["p1"])
        let route = try #require(try await ledger.routes(person: "p1").first)
        #expect(route.status == .completed)
        _ = try await ledger.issueDocuments([
            DocumentRequest(kind: .certificate, route: route.route.id, person: "p1", hours: 72, issuedAt: Self.now, year: 2026)
        ])
        _ = try await ledger.append(
            LedgerBatch(
                id: "b2", kind: .sync, actor: "test", description: "", recordedAt: Self.now,
                entries: [credit("k1", "m4", on: Self.day(2025, 8, 1)), credit("k4", "m7", on: Self.day(2026, 4, 1))]))
        let outcome = try await keeper.update(ledger: ledger, now: Self.now, persons: ["p1"])
        #expect(outcome.withdrawn == 0 && outcome.opened == 1)
        let routes = try await ledger.routes(person: "p1").map(\.route)
        #expect(routes.first == route.route && routes.map(\.start).last == Self.day(2026, 4, 1, hour: 0))
        #expect(routes.count == 2)
    }
}
