import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("Routes")
struct RoutesTests {
    func open(_ start: String, program: String = "PK-72-MMC", _ fixture: Fixture) async throws -> OpenRoute.Result {
        try await OpenRoute(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(person: "112-233-445 95", program: program, start: start))
    }

    func importRoutes(_ csv: String, _ fixture: Fixture) async throws -> ImportRoutes.Result {
        try await ImportRoutes(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(file: "routes.csv", contents: Array(csv.utf8)))
    }

    func routeIDs(_ fixture: Fixture) async throws -> [String] {
        try await fixture.ledger.routes(person: nil).map(\.route.id.rawValue).sorted()
    }

    @Test("a route opens by SNILS with its verdict; opening it again changes nothing")
    func openRoute() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        let opened = try await open("01.03.2026", fixture)
        #expect(opened.route.id == "PK-72-MMC/P-11223344595/2026-03-01")
        #expect(opened.lastDay == "2026-11-30" && opened.status == .open && opened.hoursCredited == 36)
        #expect(opened.targetHours == 72)
        #expect(try await open("2026-03-01", fixture).route.id == opened.route.id)
        #expect(try await routeIDs(fixture).filter { $0.hasPrefix("PK-72-MMC/") } == [opened.route.id.rawValue])
    }

    @Test("an overlapping route of the person in the program is refused, naming the existing route")
    func overlapRefused() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        _ = try await open("01.03.2026", fixture)
        let refused = await fixture.refusal { try await open("01.05.2026", fixture) }
        #expect(refused?.kind == .overlappingRoute && refused?.exitStatus == .badInput)
        #expect(
            refused?.message
                == "the route PK-72-MMC/P-11223344595/2026-05-01 (2026-05-01 … 2027-01-31) overlaps the route "
                + "PK-72-MMC/P-11223344595/2026-03-01 (2026-03-01 … 2026-11-30) of P-11223344595 in PK-72-MMC; "
                + "a person follows one route of a program at a time")
        // An earlier start that reaches into the route overlaps it too; another program does not.
        #expect(await fixture.refusal { try await open("01.01.2026", fixture) }?.kind == .overlappingRoute)
        _ = try await open("01.05.2026", program: "PK-72-ICT", fixture)
        // A route whose last day is the day before the route's start is the one before it.
        #expect(try await open("01.06.2025", fixture).lastDay == "2026-02-28")
    }

    @Test("the route a program opens by itself is an existing route for the overlap rule")
    func overlapWithAutomaticRoute() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        // Opening any route records verdicts, and PK-72 opens by itself at the first credit.
        _ = try await open("01.03.2026", fixture)
        #expect(try await routeIDs(fixture).contains("PK-72/P-11223344595/2026-03-14"))
        let refused = await fixture.refusal { try await open("01.04.2026", program: "PK-72", fixture) }
        #expect(refused?.message.contains("overlaps the route PK-72/P-11223344595/2026-03-14") == true)
    }

    @Test("a CSV is opened all or nothing; every bad row is named, overlaps included")
    func importAllOrNothing() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        _ = try await open("01.03.2026", fixture)
        let before = try await routeIDs(fixture)
        let csv = """
            snils;program;start
            112-233-445 95;PK-72-ICT;01.03.2026
            000-000-001 00;PK-72;01.03.2026
            112-233-445 95;NOPE;31.02.2026
            112-233-445 95;PK-72-MMC;01.04.2026
            112-233-445 95;PK-72-ICT;01.05.2026
            112-233-445 95;PK-72-ICT;01.01.2099
            """
        let refused = await fixture.refusal { try await importRoutes(csv, fixture) }
        #expect(refused?.kind == .invalidRows && refused?.exitStatus == .badInput)
        #expect(refused?.message == "routes.csv: 6 problem(s); no route was opened.")
        let problems = refused?.problems ?? []
        #expect(problems.count == 6)
        #expect(problems[0] == "routes.csv: row 3, column snils: no person '000-000-001 00' in the ledger")
        #expect(problems[1] == "routes.csv: row 4, column program: unknown program 'NOPE'")
        #expect(problems[2] == "routes.csv: row 4, column start: '31.02.2026' is not a date")
        #expect(
            problems[3].hasPrefix("routes.csv: row 5, column start: the route PK-72-MMC/P-11223344595/2026-04-01")
                && problems[3].contains("overlaps the route PK-72-MMC/P-11223344595/2026-03-01"))
        // Two rows of the file that overlap each other: the later one is named.
        #expect(
            problems[4].hasPrefix("routes.csv: row 6, column start: the route PK-72-ICT/P-11223344595/2026-05-01")
                && problems[4].contains("overlaps the route PK-72-ICT/P-11223344595/2026-03-01"))
        #expect(problems[5].hasPrefix("routes.csv: row 7, column start: the start '01.01.2099' is in the future"))
        #expect(try await routeIDs(fixture) == before)

        let imported = try await importRoutes("snils;program;start\n112-233-445 95;PK-72-ICT;01.03.2026\n", fixture)
        #expect(imported.routes.map(\.id) == ["PK-72-ICT/P-11223344595/2026-03-01"])
        #expect(try await routeIDs(fixture).count == before.count + 1)
        // The same file again: the route is already open, and is not an overlap of itself.
        #expect(
            try await importRoutes("snils;program;start\n112-233-445 95;PK-72-ICT;01.03.2026\n", fixture).routes.count
                == 1)
    }

    @Test("a header without the needed columns is refused before the ledger is opened")
    func badHeader() async throws {
        let fixture = try Fixture()
        let refused = await fixture.refusal {
            try await ImportRoutes(mapping: fixture.mapping, ledger: { throw CancellationError() }, now: fixture.now)
                .run(.init(file: "routes.csv", contents: Array("who;what\n".utf8)))
        }
        #expect(refused?.kind == .unreadableFile)
    }

    @Test("routes are listed with their days and verdicts, all or one person's")
    func list() async throws {
        let fixture = try Fixture()
        _ = try await fixture.add("OCH-MET-01", on: "14.03.2026")
        _ = try await open("01.03.2026", fixture)
        let routes = ListRoutes(mapping: fixture.mapping, ledger: fixture.opener)
        let rows = try await routes.run(person: "112-233-445 95")
        let row = try #require(rows.first { $0.program == "PK-72-MMC" })
        #expect(row.start == "2026-03-01" && row.lastDay == "2026-11-30" && row.status == "open" && row.hours == 36)
        #expect(
            await fixture.refusal { try await routes.run(person: "P-NOBODY") }?.message
                == "no person 'P-NOBODY' in the ledger")
    }
}
