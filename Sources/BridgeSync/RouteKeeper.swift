import CreditCore
import Foundation

/// Opens routes (ИОМ) that programs open by themselves, and records every route's verdict.
public struct RouteKeeper: Sendable {
    public let mapping: RegionMapping
    public let calendar: Calendar

    public init(mapping: RegionMapping, timeZone: TimeZone) {
        self.mapping = mapping
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// What one pass did.
    public struct Outcome: Sendable, Codable, Equatable {
        public var opened = 0
        public var completed = 0
        public var expired = 0
        public var open = 0

        public init(opened: Int = 0, completed: Int = 0, expired: Int = 0, open: Int = 0) {
            self.opened = opened
            self.completed = completed
            self.expired = expired
            self.open = open
        }
    }

    /// Opens the routes due and records the verdict of every route as of `now`.
    public func update(ledger: any LedgerStore, now: Date) async throws -> Outcome {
        let entries = try await ledger.entries(person: nil)
        var routes = try await ledger.routes(person: nil).map(\.route)
        let opened = routesToOpen(entries: entries.filter { $0.occurredAt <= now }, existing: routes)
        if !opened.isEmpty {
            try await ledger.openRoutes(opened)
            routes += opened
        }
        let byPerson = Dictionary(grouping: entries, by: \.person)
        var outcome = Outcome(opened: opened.count)
        var verdicts: [RouteVerdict] = []
        for route in routes {
            guard let program = mapping.program(route.program) else { continue }
            let progress = Accumulator(program: program).progress(
                of: route, entries: byPerson[route.person] ?? [], asOf: now)
            verdicts.append(RouteVerdict(progress))
            switch progress.status {
            case .completed: outcome.completed += 1
            case .expired: outcome.expired += 1
            case .open: outcome.open += 1
            }
        }
        try await ledger.recordVerdicts(verdicts)
        return outcome
    }

    /// For each program that opens by itself: a route from the day of a person's first credit in
    /// one of its modules that no route of theirs in that program covers yet (a new one after an
    /// earlier route's deadline, so a person may hold several over the years). A route opened here
    /// never overlaps another of the person in the program: it starts on a day no route covers,
    /// and no route starts after it.
    func routesToOpen(entries: [LedgerEntry], existing: [Route]) -> [Route] {
        let reversed = Reversal.reversedCredits(in: entries)
        let credits = entries.filter { $0.isCredit && !reversed.contains($0.id) }
            .sorted { ($0.occurredAt, $0.id.rawValue) < ($1.occurredAt, $1.id.rawValue) }
        var routes = existing
        var opened: [Route] = []
        for program in mapping.programs.map(\.program) where program.opensAutomatically {
            for credit in credits where program.includes(credit.module) {
                let personRoutes = routes.filter { $0.person == credit.person && $0.program == program.id }
                if personRoutes.contains(where: { $0.contains(credit.occurredAt) || $0.start > credit.occurredAt }) {
                    continue
                }
                let start = calendar.startOfDay(for: credit.occurredAt)
                let route = program.openRoute(
                    id: RouteID("\(program.id)/\(credit.person)/\(Self.day(start, calendar))"), for: credit.person,
                    start: start, calendar: calendar)
                routes.append(route)
                opened.append(route)
            }
        }
        return opened
    }

    public static func day(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
