import CreditCore
import Foundation
import GRDB

extension SQLiteLedger {
    public func issueDocuments(_ requests: [DocumentRequest]) async throws -> [IssuedDocument] {
        try await writer.writeWithoutTransaction { db in
            var issued: [IssuedDocument] = []
            try db.inTransaction(.immediate) {
                issued = []
                for request in requests {
                    if try Self.isRedundant(request, db) { continue }
                    let number = try Int.fetchOne(
                        db,
                        sql: """
                            INSERT INTO document_counters (year, last) VALUES (?, 1)
                            ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last
                            """, arguments: [request.year])!
                    let seriesNumber = try Int.fetchOne(
                        db,
                        sql: """
                            INSERT INTO document_series_counters (kind, year, last) VALUES (?, ?, 1)
                            ON CONFLICT (kind, year) DO UPDATE SET last = last + 1 RETURNING last
                            """, arguments: [request.kind.rawValue, request.year])!
                    let document = IssuedDocument(request: request, number: number, seriesNumber: seriesNumber)
                    let content = request.content
                    try db.execute(
                        sql: """
                            INSERT INTO documents (registration_number, year, number, kind, route_id, person_id, hours,
                                issued_at, cancels, series_number, program_id, program_title, program_hours, completed_at,
                                verification_code, reason, operator)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            document.registrationNumber, request.year, number, request.kind.rawValue,
                            request.route.rawValue, request.person.rawValue, request.hours.value,
                            RowCoding.seconds(request.issuedAt), request.cancels, seriesNumber,
                            content?.program.rawValue, content?.programTitle, content?.programHours.value,
                            content?.completedAt.map(RowCoding.seconds), request.verificationCode, request.reason,
                            request.operator,
                        ])
                    for (position, module) in (content?.modules ?? []).enumerated() {
                        try db.execute(
                            sql: """
                                INSERT INTO document_modules (registration_number, position, module_id, title, form, hours,
                                    occurred_at, entry_id)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                document.registrationNumber, position + 1, module.module.rawValue, module.title,
                                module.form.rawValue, module.hours.value, RowCoding.seconds(module.occurredAt),
                                module.entry.rawValue,
                            ])
                    }
                    issued.append(document)
                }
                return .commit
            }
            return issued
        }
    }

    /// Whether the request would give a route a second valid document of its kind, or cancel a
    /// document already cancelled.
    private static func isRedundant(_ request: DocumentRequest, _ db: Database) throws -> Bool {
        if request.kind == .cancellation {
            guard let cancels = request.cancels else { return false }
            return try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE kind = 'cancellation' AND cancels = ?)",
                arguments: [cancels]) == true
        }
        return try Bool.fetchOne(
            db, sql: holdsValidDocument, arguments: [request.kind.rawValue, request.route.rawValue]) == true
    }

    /// Whether a route holds a document of a kind that no cancellation cancels.
    static let holdsValidDocument = """
        SELECT EXISTS (
            SELECT 1 FROM documents d WHERE d.kind = ? AND d.route_id = ?
            AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.kind = 'cancellation' AND c.cancels = d.registration_number))
        """

    public func documents(person: PersonID?) async throws -> [IssuedDocument] {
        try await writer.read { db in try Self.documents(db, person: person) }
    }

    static func documents(_ db: Database, person: PersonID? = nil) throws -> [IssuedDocument] {
        let condition = person.map { PersonRangeCondition.person($0) } ?? .all
        var modules: [String: [DocumentModule]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM document_modules WHERE registration_number IN (
                    SELECT registration_number FROM documents WHERE \(condition.sql))
                ORDER BY registration_number, position
                """, arguments: condition.arguments)
        {
            modules[row["registration_number"], default: []].append(
                DocumentModule(
                    module: ModuleID(row["module_id"] as String), title: row["title"],
                    form: StudyForm(rawValue: row["form"]) ?? .distance, hours: CreditHours(row["hours"] as Int),
                    occurredAt: RowCoding.date(row["occurred_at"]), entry: EntryID(row["entry_id"] as String)))
        }
        return try Row.fetchAll(
            db, sql: "SELECT * FROM documents WHERE \(condition.sql) ORDER BY year, number", arguments: condition.arguments
        ).map { row in
            let registrationNumber: String = row["registration_number"]
            let kind = DocumentRequest.Kind(rawValue: row["kind"]) ?? .certificate
            var content: DocumentContent?
            if let program = row["program_id"] as String? {
                content = DocumentContent(
                    program: ProgramID(program), programTitle: row["program_title"] ?? program,
                    programHours: CreditHours(row["program_hours"] as Int? ?? 0),
                    completedAt: (row["completed_at"] as Int64?).map(RowCoding.date),
                    modules: modules[registrationNumber] ?? [])
            }
            let number: Int = row["number"]
            let year: Int = row["year"]
            let seriesNumber: Int = row["series_number"] ?? number
            return IssuedDocument(
                request: DocumentRequest(
                    kind: kind, route: RouteID(row["route_id"] as String),
                    person: PersonID(row["person_id"] as String), hours: CreditHours(row["hours"] as Int),
                    issuedAt: RowCoding.date(row["issued_at"]), year: year, cancels: row["cancels"],
                    prefix: IssuedDocument.prefix(of: registrationNumber, year: year, seriesNumber: seriesNumber),
                    content: content,
                    verificationCode: row["verification_code"], reason: row["reason"], operator: row["operator"]),
                number: number, seriesNumber: seriesNumber,
                registrationNumber: registrationNumber)
        }
    }
}
