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
                        completedAt: (row["completed_at"] as Int64?).map(RowCoding.date))
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
}
