import BridgeSync
import CreditCore
import Foundation

/// The rule both ways of opening a route share: one route at a time per person and program.
enum RouteRules {
    /// The refusal of `route` when it overlaps one of `existing`, naming that route.
    static func overlap(of route: Route, with existing: [Route], region: RegionCalendar) -> String? {
        guard let other = route.firstOverlap(in: existing) else { return nil }
        return "the route \(route.id) (\(region.iso(route.start)) … \(region.lastDay(of: route))) overlaps the route "
            + "\(other.id) (\(region.iso(other.start)) … \(region.lastDay(of: other))) of \(route.person) in "
            + "\(route.program); a person follows one route of a program at a time"
    }
}

/// Enrol a person in a program: open their route (ИОМ) from a start day.
///
/// Opening the same route again (same person, program and start) changes nothing; a route that
/// would overlap another of the person in the program is refused, naming it.
public struct OpenRoute: Sendable {
    public struct Input: Sendable {
        /// The person: their id in the ledger, or a SNILS the ledger knows.
        public var person: String
        public var program: String
        /// The route's first day (dd.mm.yyyy or yyyy-mm-dd).
        public var start: String
        /// Accept a start after today.
        public var allowFuture: Bool

        public init(person: String, program: String, start: String, allowFuture: Bool = false) {
            self.person = person
            self.program = program
            self.start = start
            self.allowFuture = allowFuture
        }
    }

    public struct Result: Hashable, Sendable {
        public var route: Route
        public var programTitle: String
        /// The last day inside the route, yyyy-mm-dd.
        public var lastDay: String
        public var status: RouteProgress.Status
        public var hoursCredited: CreditHours
        public var targetHours: CreditHours
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        guard let program = mapping.program(ProgramID(input.program)) else {
            throw ApplicationError(
                .unknown,
                "unknown program '\(input.program)'; the mapping files define: \(mapping.programs.map(\.program.id.rawValue).joined(separator: ", "))"
            )
        }
        let region = RegionCalendar(mapping)
        guard let day = region.day(input.start) else {
            throw ApplicationError(.invalidValue, "'\(input.start)' is not a date; write dd.mm.yyyy")
        }
        try FutureDates(timeZone: region.timeZone, now: now).check(
            day, text: input.start, what: "--start", allowed: input.allowFuture)
        let ledger = try await self.ledger()
        guard let person = try await PersonLookup.person(input.person, in: ledger) else {
            throw ApplicationError(
                .unknown, "no person '\(input.person)' in the ledger (give their id or a SNILS the ledger knows)")
        }
        let route = region.route(person: person, program: program, start: day)
        let existing = try await ledger.routes(person: person).map(\.route)
        if let refusal = RouteRules.overlap(of: route, with: existing, region: region) {
            throw ApplicationError(.overlappingRoute, refusal)
        }
        try await ledger.openRoutes([route])
        _ = try await RouteKeeper(mapping: mapping, timeZone: region.timeZone).update(
            ledger: ledger, now: now, persons: [person])
        let stored = try await ledger.routes(person: person).first { $0.route.id == route.id }
        return Result(
            route: route, programTitle: program.title, lastDay: region.lastDay(of: route),
            status: stored?.status ?? .open, hoursCredited: stored?.hoursCredited ?? CreditHours(0),
            targetHours: program.targetHours)
    }
}

/// Open the routes of a CSV (columns person or snils, program, start), all or none: every row is
/// checked first, and when any is bad every problem is named with its row and nothing is opened.
public struct ImportRoutes: Sendable {
    public struct Input: Sendable {
        /// The file's name, for messages.
        public var file: String
        /// Its bytes (UTF-8 or Windows-1251, separated by , or ;).
        public var contents: [UInt8]
        /// Accept start days after today.
        public var allowFuture: Bool

        public init(file: String, contents: [UInt8], allowFuture: Bool = false) {
            self.file = file
            self.contents = contents
            self.allowFuture = allowFuture
        }
    }

    public struct Result: Sendable {
        /// Routes of the file, opened now or already open.
        public var routes: [Route]
        /// Every route's verdict after the import.
        public var verdicts: RouteKeeper.Outcome
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        let file = input.file
        let table = CSVTable(parsing: TextDecoding.decode(input.contents).text)
        let header = table.header.map { $0.lowercased() }
        func column(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
        guard let personColumn = column("person", "snils", "снилс", "слушатель"),
            let programColumn = column("program", "программа"), let startColumn = column("start", "начало")
        else {
            throw ApplicationError(
                .unreadableFile, "\(file): the header needs the columns person (or snils), program and start")
        }
        let ledger = try await self.ledger()
        let region = RegionCalendar(mapping)
        let future = FutureDates(timeZone: region.timeZone, now: now)
        var existing = try await ledger.routes(person: nil).map(\.route)
        var routes: [Route] = []
        var problems: [String] = []
        for (line, cells) in table.rows {
            func cell(_ index: Int) -> String {
                index < cells.count ? cells[index].trimmingCharacters(in: .whitespaces) : ""
            }
            func problem(_ column: Int, _ message: String) {
                problems.append("\(file): row \(line), column \(table.header[column]): \(message)")
            }
            let person = try await PersonLookup.person(cell(personColumn), in: ledger)
            let program = mapping.program(ProgramID(cell(programColumn)))
            let start = region.day(cell(startColumn))
            if person == nil { problem(personColumn, "no person '\(cell(personColumn))' in the ledger") }
            if program == nil { problem(programColumn, "unknown program '\(cell(programColumn))'") }
            if start == nil {
                problem(startColumn, "'\(cell(startColumn))' is not a date")
            } else if let start, !input.allowFuture,
                let refusal = future.refusal(start, text: cell(startColumn), what: "the start")
            {
                problem(startColumn, refusal)
            }
            if let person, let program, let start {
                let route = region.route(person: person, program: program, start: start)
                // Against the ledger's routes and the file's earlier rows.
                if let refusal = RouteRules.overlap(of: route, with: existing, region: region) {
                    problem(startColumn, refusal)
                } else {
                    routes.append(route)
                    existing.append(route)
                }
            }
        }
        guard problems.isEmpty else {
            throw ApplicationError(
                .invalidRows, "\(file): \(problems.count) problem(s); no route was opened.", problems: problems)
        }
        try await ledger.openRoutes(routes)
        let outcome = try await RouteKeeper(mapping: mapping, timeZone: region.timeZone).update(
            ledger: ledger, now: now, persons: Set(routes.map(\.person)))
        return Result(routes: routes, verdicts: outcome)
    }
}

/// The routes and their verdicts, all or one person's.
public struct ListRoutes: Sendable {
    public struct Row: Hashable, Sendable, Encodable {
        public var route, person, program, start, lastDay, status: String
        public var hours: Int
        public var completedAt: String?
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener) {
        self.mapping = mapping
        self.ledger = ledger
    }

    /// - Parameter person: Only this person's routes (their id or SNILS).
    public func run(person: String? = nil) async throws -> [Row] {
        let ledger = try await self.ledger()
        var personID: PersonID?
        if let person {
            personID = try await PersonLookup.person(person, in: ledger)
            if personID == nil { throw ApplicationError(.unknown, "no person '\(person)' in the ledger") }
        }
        let region = RegionCalendar(mapping)
        return try await ledger.routes(person: personID).map {
            Row(
                route: $0.route.id.rawValue, person: $0.route.person.rawValue, program: $0.route.program.rawValue,
                start: region.iso($0.route.start), lastDay: region.lastDay(of: $0.route), status: $0.status.rawValue,
                hours: $0.hoursCredited.value, completedAt: $0.completedAt.map { region.iso($0) })
        }
    }
}
