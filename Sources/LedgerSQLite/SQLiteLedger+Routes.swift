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

    public func issueDocuments(_ requests: [DocumentRequest]) async throws -> [IssuedDocument] {
        try await writer.writeWithoutTransaction { db in
            var issued: [IssuedDocument] = []
            try db.inTransaction(.immediate) {
                issued = []
                for request in requests {
                    if request.kind != .cancellation,
                        try Bool.fetchOne(
                            db, sql: Self.holdsValidDocument,
                            arguments: [request.kind.rawValue, request.route.rawValue])
                            == true
                    {
                        continue
                    }
                    let number = try Int.fetchOne(
                        db,
                        sql: """
                            INSERT INTO document_counters (year, last) VALUES (?, 1)
                            ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last
                            """, arguments: [request.year])!
                    let document = IssuedDocument(request: request, number: number)
                    try db.execute(
                        sql: """
                            INSERT INTO documents (registration_number, year, number, kind, route_id, person_id, hours, issued_at, cancels)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            document.registrationNumber, request.year, number, request.kind.rawValue,
                            request.route.rawValue, request.person.rawValue, request.hours.value,
                            RowCoding.seconds(request.issuedAt), request.cancels,
                        ])
                    issued.append(document)
                }
                return .commit
            }
            return issued
        }
    }

    /// Whether a route holds a document of a kind that no cancellation cancels.
    static let holdsValidDocument = """
        SELECT EXISTS (
            SELECT 1 FROM documents d WHERE d.kind = ? AND d.route_id = ?
            AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.kind = 'cancellation' AND c.cancels = d.registration_number))
        """

    public func documents() async throws -> [IssuedDocument] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM documents ORDER BY year, number").map { row in
                IssuedDocument(
                    request: DocumentRequest(
                        kind: DocumentRequest.Kind(rawValue: row["kind"]) ?? .certificate,
                        route: RouteID(row["route_id"] as String), person: PersonID(row["person_id"] as String),
                        hours: CreditHours(row["hours"] as Int), issuedAt: RowCoding.date(row["issued_at"]),
                        year: row["year"], cancels: row["cancels"]),
                    number: row["number"])
            }
        }
    }
}
