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
    ///
    /// - Parameter persons: Only these persons' routes are opened and judged (a run passes those
    ///   whose credits it changed), together with every route the moment has carried past its
    ///   deadline while still open; nil judges every route.
    public func update(ledger: any LedgerStore, now: Date, persons: Set<PersonID>? = nil) async throws -> Outcome {
        let stored = try await ledger.routes(person: nil)
        var routes = stored.map(\.route)
        var judged = persons
        // An open route whose deadline has come expires whether or not its person's credits changed.
        for route in stored where route.status == .open && route.route.deadline <= now {
            judged?.insert(route.route.person)
        }
        let projection = try await Self.projection(of: judged, in: ledger)
        let opened = routesToOpen(projection: projection, persons: judged, existing: routes, now: now)
        if !opened.isEmpty {
            try await ledger.openRoutes(opened)
            routes += opened
        }
        var outcome = Outcome(opened: opened.count)
        var verdicts: [RouteVerdict] = []
        for route in routes where judged?.contains(route.person) ?? true {
            guard let program = mapping.program(route.program) else { continue }
            let progress = projection.progress(of: route, program: program, asOf: now)
            verdicts.append(RouteVerdict(progress))
            switch progress.status {
            case .completed: outcome.completed += 1
            case .expired: outcome.expired += 1
            case .open: outcome.open += 1
            }
        }
        // Routes not judged in this pass keep their recorded verdicts; the outcome counts them too.
        let judgedRoutes = Set(verdicts.map(\.route))
        for route in stored where !judgedRoutes.contains(route.route.id) && mapping.program(route.route.program) != nil
        {
            switch route.status {
            case .completed: outcome.completed += 1
            case .expired: outcome.expired += 1
            case .open: outcome.open += 1
            }
        }
        if !verdicts.isEmpty { try await ledger.recordVerdicts(verdicts) }
        return outcome
    }

    /// The projection of the persons' entries (all entries when `persons` is nil or large).
    static func projection(of persons: Set<PersonID>?, in ledger: any LedgerStore) async throws -> LedgerProjection {
        guard let persons, persons.count <= 2_000 else {
            return LedgerProjection(entries: try await ledger.entries(person: nil))
        }
        var entries: [LedgerEntry] = []
        for person in persons.sorted() { entries += try await ledger.entries(person: person) }
        return LedgerProjection(entries: entries)
    }

    /// For each program that opens by itself: a route from the day of a person's first credit in
    /// one of its modules that no route of theirs in that program covers yet (a new one after an
    /// earlier route's deadline, so a person may hold several over the years). A route opened here
    /// never overlaps another of the person in the program: it starts on a day no route covers,
    /// and no route starts after it. Only standing credits that occurred by `now` open a route.
    func routesToOpen(
        projection: LedgerProjection, persons: Set<PersonID>?, existing: [Route], now: Date
    ) -> [Route] {
        let credits = projection.persons.filter { persons?.contains($0) ?? true }
            .flatMap { projection.standingCredits(of: $0) }
            .filter { $0.occurredAt <= now }
            .sorted(by: StandingCredit.canonicallyBefore)
        var routesByPerson = Dictionary(grouping: existing, by: \.person)
        var opened: [Route] = []
        for program in mapping.programs.map(\.program) where program.opensAutomatically {
            for credit in credits where program.includes(credit.module) {
                let personRoutes = (routesByPerson[credit.person] ?? []).filter { $0.program == program.id }
                if personRoutes.contains(where: { $0.contains(credit.occurredAt) || $0.start > credit.occurredAt }) {
                    continue
                }
                let start = calendar.startOfDay(for: credit.occurredAt)
                let route = program.openRoute(
                    id: RouteID("\(program.id)/\(credit.person)/\(Self.day(start, calendar))"), for: credit.person,
                    start: start, calendar: calendar)
                routesByPerson[credit.person, default: []].append(route)
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
