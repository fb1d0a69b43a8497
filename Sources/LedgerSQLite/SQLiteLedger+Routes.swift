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
            let sql = "SELECT * FROM routes \(person == nil ? "" : "WHERE person_id = ?") ORDER BY person_id, start, id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(person.map { [$0.rawValue] } ?? []))
                .map { row in
                    StoredRoute(
                        route: Route(
                            id: RouteID(row["id"] as String), person: PersonID(row["person_id"] as String),
                            program: ProgramID(row["program_id"] as String), start: RowCoding.date(row["start"]),
                            deadline: RowCoding.date(row["deadline"])),
                        status: RouteProgress.Status(rawValue: row["status"]) ?? .open,
                        hoursCredited: CreditHours(row["hours"] as Int),
                        completedAt: (row["completed_at"] as Int64?).map(RowCoding.date),
                        isAutomatic: (row["automatic"] as Int) != 0)
                }
        }
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
