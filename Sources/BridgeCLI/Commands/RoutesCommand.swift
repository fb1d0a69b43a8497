import ArgumentParser
import BridgeApplication
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
            `opens_automatically`. A person follows one route of a program at a time: a route that \
            would overlap another of theirs in the program is refused. After every sync each route's \
            verdict is recorded: completed (a certificate is due) or expired (a statement is due).
            """,
        subcommands: [RoutesOpenCommand.self, RoutesImportCommand.self, RoutesListCommand.self])
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
        let result = try await OpenRoute(mapping: try options.loadMapping(), ledger: options.opener(.create))
            .run(.init(person: person, program: program, start: start, allowFuture: allowFuture))
        print(
            "Route \(result.route.id): \(result.programTitle), last day \(result.lastDay); \(result.status.rawValue), \(result.hoursCredited.value) of \(result.targetHours.value) h."
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
        let importRoutes = ImportRoutes(mapping: try options.loadMapping(), ledger: options.opener(.create))
        let result: ImportRoutes.Result
        do {
            result = try await importRoutes.run(.init(file: file, contents: [UInt8](data), allowFuture: allowFuture))
        } catch let error as ApplicationError where error.kind == .invalidRows {
            error.problems.forEach { print($0) }
            print(error.message)
            throw ExitCode(error.exitStatus)
        }
        print(
            "\(file): \(result.routes.count) route(s) opened or already open; \(result.verdicts.completed) completed, \(result.verdicts.expired) expired, \(result.verdicts.open) open in the ledger."
        )
    }
}

struct RoutesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List routes and their verdicts.")

    @OptionGroup var options: LedgerOptions
    @Option(help: "Only this person's routes (id or SNILS).") var person: String?
    @Option(help: "Print as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        let rows = try await ListRoutes(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(person: person)
        switch format {
        case .json:
            struct Output: Encodable {
                let routes: [ListRoutes.Row]
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
