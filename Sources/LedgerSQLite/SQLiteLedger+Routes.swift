import CreditCore
import Foundation
import GRDB

extension SQLiteLedger {
    public func openRoutes(_ routes: [Route]) async throws {
        try await writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for route in routes {
                    try db.execute(
                        sql: """
                            INSERT INTO routes (id, person_id, program_id, start, deadline) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (id) DO NOTHING
                            """,
                        arguments: [
                            route.id.rawValue, route.person.rawValue, route.program.rawValue,
                            RowCoding.seconds(route.start), RowCoding.seconds(route.deadline),
                        ])
                }
                return .commit
            }
        }
    }

    public func routes(person: PersonID?) async throws -> [StoredRoute] {
        try await writer.read { db in
            try Self.routes(db, person.map { PersonRangeCondition.person($0) } ?? .all)
        }
    }

    /// Columns by position, read through a cursor: the dashboard reads every route each time.
    static func routes(_ db: Database, _ condition: PersonRangeCondition) throws -> [StoredRoute] {
        let sql = """
            SELECT id, person_id, program_id, start, deadline, status, hours, completed_at, automatic FROM routes
            WHERE \(condition.sql) ORDER BY person_id, start, id
            """
        var routes: [StoredRoute] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: condition.arguments)
        while let row = try rows.next() {
            routes.append(
                StoredRoute(
                    route: Route(
                        id: RouteID(row[0] as String), person: PersonID(row[1] as String),
                        program: ProgramID(row[2] as String), start: RowCoding.date(row[3]),
                        deadline: RowCoding.date(row[4])),
                    status: RouteProgress.Status(rawValue: row[5]) ?? .open,
                    hoursCredited: CreditHours(row[6] as Int),
                    completedAt: (row[7] as Int64?).map(RowCoding.date),
                    isAutomatic: (row[8] as Int) != 0))
        }
        return routes
    }

    public func recordVerdicts(_ verdicts: [RouteVerdict]) async throws {
        try await writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for verdict in verdicts {
                    try db.execute(
                        sql: "UPDATE routes SET status = ?, hours = ?, completed_at = ? WHERE id = ?",
                        arguments: [
                            verdict.status.rawValue, verdict.hoursCredited.value,
                            verdict.completedAt.map(RowCoding.seconds), verdict.route.rawValue,
                        ])
                }
                return .commit
            }
        }
    }

    public func replaceAutomaticRoutes(of persons: Set<PersonID>, with routes: [Route]) async throws {
        try await writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let wanted = Set(routes.map(\.id.rawValue))
                for person in persons.sorted() {
                    let kept = try String.fetchAll(
                        db, sql: "SELECT id FROM routes WHERE person_id = ? AND automatic = 1",
                        arguments: [person.rawValue])
                    for id in kept where !wanted.contains(id) {
                        try db.execute(sql: "DELETE FROM routes WHERE id = ? AND automatic = 1", arguments: [id])
                    }
                }
                for route in routes where persons.contains(route.person) {
                    try db.execute(
                        sql: """
                            INSERT INTO routes (id, person_id, program_id, start, deadline, automatic)
                            VALUES (?, ?, ?, ?, ?, 1)
                            ON CONFLICT (id) DO NOTHING
                            """,
                        arguments: [
                            route.id.rawValue, route.person.rawValue, route.program.rawValue,
                            RowCoding.seconds(route.start), RowCoding.seconds(route.deadline),
                        ])
                }
                return .commit
            }
        }
    }
}
