import CreditCore
import Foundation

/// Keeps the routes (ИОМ) that programs open by themselves in step with the credits, and records
/// every route's verdict.
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
        /// Automatic routes withdrawn because the credits no longer give them (an earlier credit
        /// moved a start, or a reversal took a route's only credits).
        public var withdrawn = 0

        public init(opened: Int = 0, completed: Int = 0, expired: Int = 0, open: Int = 0, withdrawn: Int = 0) {
            self.opened = opened
            self.completed = completed
            self.expired = expired
            self.open = open
            self.withdrawn = withdrawn
        }
    }

    /// Derives the automatic routes and records the verdict of every route as of `now`.
    ///
    /// The automatic routes of each person judged are replaced by those ``AutomaticRoutes`` derives
    /// from the person's standing credits and the routes kept as recorded (a registrar's, and an
    /// automatic route a document was issued for), so they are a function of the credits alone: the
    /// same credits in any order or batching, or a failed run followed by a clean one, give the same
    /// routes and verdicts.
    ///
    /// - Parameter persons: Only these persons' routes are derived and judged (a run passes those
    ///   whose credits it changed), together with every route the moment has carried past its
    ///   deadline while still open; nil judges every route.
    public func update(ledger: any LedgerStore, now: Date, persons: Set<PersonID>? = nil) async throws -> Outcome {
        let stored = try await ledger.routes(person: nil)
        var judged = persons
        // An open route whose deadline has come expires whether or not its person's credits changed.
        for route in stored where route.status == .open && route.route.deadline <= now {
            judged?.insert(route.route.person)
        }
        let projection = try await Self.projection(of: judged, in: ledger)
        let documented = Set(try await ledger.documents().map(\.request.route))
        let recorded = stored.filter { !$0.isAutomatic || documented.contains($0.route.id) }.map(\.route)
        let everyone = Set(projection.persons).union(stored.filter(\.isAutomatic).map(\.route.person))
        let derivedFor = judged ?? everyone
        let derived = automaticRoutes(projection: projection, persons: derivedFor, recorded: recorded, now: now)

        let keptAutomatic = stored.filter { $0.isAutomatic && !documented.contains($0.route.id) }
            .filter { derivedFor.contains($0.route.person) }
        let keptIDs = Set(keptAutomatic.map(\.route.id)), derivedIDs = Set(derived.map(\.id))
        var outcome = Outcome(opened: derivedIDs.subtracting(keptIDs).count)
        outcome.withdrawn = keptIDs.subtracting(derivedIDs).count
        let replaced =
            keptIDs != derivedIDs || keptAutomatic.map(\.route).sorted(by: Self.byID) != derived.sorted(by: Self.byID)
        if replaced {
            // An automatic route a document was issued for stays as it is.
            let documentedRoutes = stored.filter {
                $0.isAutomatic && documented.contains($0.route.id) && derivedFor.contains($0.route.person)
            }.map(\.route)
            try await ledger.replaceAutomaticRoutes(of: derivedFor, with: derived + documentedRoutes)
        }
        let current = replaced ? try await ledger.routes(person: nil) : stored
        var verdicts: [RouteVerdict] = []
        for route in current.map(\.route) where judged?.contains(route.person) ?? true {
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
        for route in current where !judgedRoutes.contains(route.route.id) && mapping.program(route.route.program) != nil
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

    private static func byID(_ lhs: Route, _ rhs: Route) -> Bool { lhs.id.rawValue < rhs.id.rawValue }

    /// The projection of the persons' standing credits (everyone's when `persons` is nil or large),
    /// read from the ledger's materialised standing credits: no entry is loaded.
    static func projection(of persons: Set<PersonID>?, in ledger: any LedgerStore) async throws -> LedgerProjection {
        guard let persons, persons.count <= 2_000 else {
            return LedgerProjection(standingCredits: try await ledger.standingCredits(person: nil))
        }
        var credits: [StandingCredit] = []
        for person in persons.sorted() { credits += try await ledger.standingCredits(person: person) }
        return LedgerProjection(standingCredits: credits)
    }

    /// The automatic routes of `persons` in every program that opens by itself, derived from their
    /// standing credits that occurred by `now` and the routes kept as `recorded`.
    public func automaticRoutes(
        projection: LedgerProjection, persons: Set<PersonID>, recorded: [Route], now: Date
    ) -> [Route] {
        var routes: [Route] = []
        for program in mapping.programs.map(\.program) where program.opensAutomatically {
            let rule = AutomaticRoutes(program: program, calendar: calendar)
            for person in persons.sorted() {
                routes += rule.routes(
                    of: person, credits: projection.standingCredits(of: person), recorded: recorded, now: now)
            }
        }
        return routes
    }

    public static func day(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
