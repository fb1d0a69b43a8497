import ArgumentParser
import BridgeSync
import CreditCore
import Foundation

/// `moodle-bridge routes …`: individual educational routes (ИОМ).
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Open individual educational routes (ИОМ) and see where they stand.",
        discussion: """
            A route runs from its start to start + the program's duration (6 months by default). It \
            opens when a registrar enrols a person in a program (`routes open`, or `routes import` of \
            a CSV), or by itself at the person's first credit when the program says \
            `opens_automatically`. After every sync each route's verdict is recorded: completed (a \
            certificate is due) or expired (a statement is due).
            """,
        subcommands: [RoutesOpenCommand.self, RoutesImportCommand.self, RoutesListCommand.self])
}

/// Where a person and a start day come from on the command line or in a CSV.
enum RouteInput {
    /// A person id, or a SNILS the ledger knows.
    static func person(_ text: String, ledger: any LedgerStore) async throws -> PersonID? {
        if let snils = try? SNILS(parsing: text) { return try await ledger.person(kind: .snils, value: snils.digits) }
        let id = PersonID(text)
        return try await ledger.persons().contains { $0.id == id } ? id : nil
    }

    static func day(_ text: String, timeZone: TimeZone) -> Date? {
        let parts = text.split(whereSeparator: { ".-/".contains($0) }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (year, month, day) = text.contains(".") ? (parts[2], parts[1], parts[0]) : (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// The last day inside the route (its deadline is the first instant outside).
    static func lastDay(of route: Route, timeZone: TimeZone) -> String {
        RouteKeeper.day(route.deadline.addingTimeInterval(-1), calendar(timeZone))
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    static func timeZone(_ mapping: RegionMapping) -> TimeZone {
        TimeZone(identifier: mapping.sites.first?.timeZone ?? "Europe/Moscow") ?? .current
    }

    static func route(person: PersonID, program: Program, start: Date, timeZone: TimeZone) -> Route {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return program.openRoute(
            id: RouteID("\(program.id)/\(person)/\(RouteKeeper.day(start, calendar))"), for: person, start: start,
            calendar: calendar)
    }
}

struct RoutesOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Enrol a person in a program: open their route.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The person: their id in the ledger, or their SNILS.") var person: String
    @Argument(help: "The program's id in the mapping files.") var program: String
    @Option(help: "The route's first day (dd.mm.yyyy or yyyy-mm-dd).") var start: String
    @Flag(help: "Accept a --start after today (refused otherwise).") var allowFuture = false

    func run() async throws {
        let mapping = try options.loadMapping()
        guard let program = mapping.program(ProgramID(program)) else {
            throw CLIError(
                "unknown program '\(program)'; the mapping files define: \(mapping.programs.map(\.program.id.rawValue).joined(separator: ", "))"
            )
        }
        let timeZone = RouteInput.timeZone(mapping)
        guard let day = RouteInput.day(start, timeZone: timeZone) else {
            throw CLIError("'\(start)' is not a date; write dd.mm.yyyy")
        }
        try FutureDates(timeZone: timeZone).check(day, text: start, what: "--start", allowed: allowFuture)
        let ledger = try await options.openLedger(.create)
        guard let personID = try await RouteInput.person(person, ledger: ledger) else {
            throw CLIError("no person '\(person)' in the ledger (give their id or a SNILS the ledger knows)")
        }
        let route = RouteInput.route(person: personID, program: program, start: day, timeZone: timeZone)
        try await ledger.openRoutes([route])
        _ = try await RouteKeeper(mapping: mapping, timeZone: timeZone).update(ledger: ledger, now: Date())
        let stored = try await ledger.routes(person: personID).first { $0.route.id == route.id }
        print(
            "Route \(route.id): \(program.title), last day \(RouteInput.lastDay(of: route, timeZone: timeZone)); \(stored?.status.rawValue ?? "open"), \(stored?.hoursCredited.value ?? 0) of \(program.targetHours.value) h."
        )
    }
}

struct RoutesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Open the routes of a CSV (columns person or snils, program, start), all or none.",
        discussion:
            "Every row is checked first; when any is bad, each problem is listed with its row and nothing is opened.")

    @OptionGroup var options: LedgerOptions
    @Argument(help: "The routes CSV (UTF-8 or Windows-1251, , or ;).") var file: String
    @Flag(help: "Accept start days after today (refused otherwise).") var allowFuture = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let table = CSVTable(parsing: TextDecoding.decode([UInt8](data)).text)
        let mapping = try options.loadMapping()
        let ledger = try await options.openLedger(.create)
        let timeZone = RouteInput.timeZone(mapping)
        let future = FutureDates(timeZone: timeZone)
        let header = table.header.map { $0.lowercased() }
        func column(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
        guard let personColumn = column("person", "snils", "снилс", "слушатель"),
            let programColumn = column("program", "программа"), let startColumn = column("start", "начало")
        else { throw CLIError("\(file): the header needs the columns person (or snils), program and start") }
        var routes: [Route] = []
        var problems: [String] = []
        for (line, cells) in table.rows {
            func cell(_ index: Int) -> String {
                index < cells.count ? cells[index].trimmingCharacters(in: .whitespaces) : ""
            }
            let personID = try await RouteInput.person(cell(personColumn), ledger: ledger)
            let program = mapping.program(ProgramID(cell(programColumn)))
            let start = RouteInput.day(cell(startColumn), timeZone: timeZone)
            if personID == nil {
                problems.append(
                    "\(file): row \(line), column \(table.header[personColumn]): no person '\(cell(personColumn))' in the ledger"
                )
            }
            if program == nil {
                problems.append(
                    "\(file): row \(line), column \(table.header[programColumn]): unknown program '\(cell(programColumn))'"
                )
            }
            if start == nil {
                problems.append(
                    "\(file): row \(line), column \(table.header[startColumn]): '\(cell(startColumn))' is not a date")
            } else if let start, !allowFuture,
                let refusal = future.refusal(start, text: cell(startColumn), what: "the start")
            {
                problems.append("\(file): row \(line), column \(table.header[startColumn]): \(refusal)")
            }
            if let personID, let program, let start {
                routes.append(RouteInput.route(person: personID, program: program, start: start, timeZone: timeZone))
            }
        }
        guard problems.isEmpty else {
            problems.forEach { print($0) }
            print("\(file): \(problems.count) problem(s); no route was opened.")
            throw ExitCodes.badInput
        }
        try await ledger.openRoutes(routes)
        let outcome = try await RouteKeeper(mapping: mapping, timeZone: timeZone).update(ledger: ledger, now: Date())
        print(
            "\(file): \(routes.count) route(s) opened or already open; \(outcome.completed) completed, \(outcome.expired) expired, \(outcome.open) open in the ledger."
        )
    }
}

struct RoutesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List routes and their verdicts.")

    @OptionGroup var options: LedgerOptions
    @Option(help: "Only this person's routes (id or SNILS).") var person: String?
    @Option(help: "Print as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let ledger = try await options.openLedger(.existing)
        let personID = try await person.asyncMap { try await RouteInput.person($0, ledger: ledger) } ?? nil
        if person != nil, personID == nil { throw CLIError("no person '\(person!)' in the ledger") }
        let routes = try await ledger.routes(person: personID)
        let timeZone = RouteInput.timeZone(try options.loadMapping())
        struct Row: Encodable {
            let route, person, program, start, lastDay, status: String
            let hours: Int
            let completedAt: String?
        }
        let calendar = RouteInput.calendar(timeZone)
        let rows = routes.map {
            Row(
                route: $0.route.id.rawValue, person: $0.route.person.rawValue, program: $0.route.program.rawValue,
                start: RouteKeeper.day($0.route.start, calendar),
                lastDay: RouteInput.lastDay(of: $0.route, timeZone: timeZone),
                status: $0.status.rawValue, hours: $0.hoursCredited.value,
                completedAt: $0.completedAt.map { RouteKeeper.day($0, calendar) })
        }
        switch format {
        case .json:
            struct Output: Encodable {
                let routes: [Row]
            }
            try Printer.json(Output(routes: rows), ledger: options.location)
        case .text:
            for row in rows {
                print(
                    "\(row.route)\t\(row.status)\t\(row.hours) h\t\(row.start) … \(row.lastDay)\(row.completedAt.map { "\tcompleted \($0)" } ?? "")"
                )
            }
            print("\(rows.count) route(s).")
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
