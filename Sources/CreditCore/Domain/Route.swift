import Foundation

/// An individual educational route (ИОМ): one person working toward one program within a window.
///
/// Only credits that occurred inside `start ..< deadline` count toward the route.
public struct Route: Hashable, Sendable, Codable {
    public var id: RouteID
    public var person: PersonID
    public var program: ProgramID
    public var start: Date
    /// The first instant that is no longer inside the route.
    public var deadline: Date

    public init(id: RouteID, person: PersonID, program: ProgramID, start: Date, deadline: Date) {
        self.id = id
        self.person = person
        self.program = program
        self.start = start
        self.deadline = deadline
    }

    /// Whether `date` lies inside the route's window.
    public func contains(_ date: Date) -> Bool { date >= start && date < deadline }
}

extension Route {
    /// Whether this route and `other` are two routes of one person in one program whose windows
    /// share at least one instant. A person works toward a program in one route at a time: a
    /// module must not count twice because two routes hold it.
    public func overlaps(_ other: Route) -> Bool {
        id != other.id && person == other.person && program == other.program && start < other.deadline
            && other.start < deadline
    }

    /// The first of `routes` this route overlaps, if any.
    public func firstOverlap(in routes: [Route]) -> Route? {
        routes.first { overlaps($0) }
    }
}
