import Foundation

/// The routes a program that opens by itself gives a person: a pure function of the person's
/// standing credits, the routes a registrar recorded, and the moment.
///
/// The rule: reading the person's standing credits in the program's modules in canonical order
/// (``StandingCredit/canonicallyBefore(_:_:)``), each credit that occurred by `now` and that no
/// route covers opens a route from the start of its day, unless that route would overlap a
/// recorded one. So the first route starts at the earliest such credit, the next at the first
/// credit after its deadline, and so on; an earlier credit that arrives later moves the start, since
/// nothing is carried over from an earlier pass.
///
/// The same credits in any order or batching give the same routes.
public struct AutomaticRoutes: Sendable {
    public var program: Program
    public var calendar: Calendar

    public init(program: Program, calendar: Calendar) {
        self.program = program
        self.calendar = calendar
    }

    /// The routes of `person` in the program; `credits` may hold other persons' credits and come in
    /// any order; `recorded` are the routes kept as recorded (a registrar's), of any person or program.
    public func routes(
        of person: PersonID, credits: some Sequence<StandingCredit>, recorded: [Route], now: Date
    ) -> [Route] {
        guard program.opensAutomatically else { return [] }
        let fixed = recorded.filter { $0.person == person && $0.program == program.id }
        var derived: [Route] = []
        let relevant = credits.filter { $0.person == person && $0.occurredAt <= now && program.includes($0.module) }
            .sorted(by: StandingCredit.canonicallyBefore)
        for credit in relevant {
            if (fixed + derived).contains(where: { $0.contains(credit.occurredAt) }) { continue }
            let start = calendar.startOfDay(for: credit.occurredAt)
            let route = program.openRoute(
                id: Self.id(program: program.id, person: person, start: start, calendar: calendar), for: person,
                start: start, calendar: calendar)
            // A derived route never overlaps a recorded one (nor an earlier derived one, which ends
            // before this credit's day begins or covers it).
            if fixed.contains(where: { $0.start < route.deadline && route.start < $0.deadline }) { continue }
            if derived.contains(where: { $0.start < route.deadline && route.start < $0.deadline }) { continue }
            derived.append(route)
        }
        return derived
    }

    /// The id of an automatic route: program, person and first day.
    public static func id(program: ProgramID, person: PersonID, start: Date, calendar: Calendar) -> RouteID {
        let parts = calendar.dateComponents([.year, .month, .day], from: start)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return RouteID("\(program)/\(person)/\(day)")
    }
}
