import CreditCore
import Foundation
import GRDB

/// A `WHERE` condition on a person column: one person, a ``PersonRange``, or every row.
struct PersonRangeCondition {
    var lower: String?
    var upper: String?
    var exactly: String?
    var column = "person_id"

    static let all = PersonRangeCondition()

    static func person(_ person: PersonID) -> PersonRangeCondition { PersonRangeCondition(exactly: person.rawValue) }

    init(lower: String? = nil, upper: String? = nil, exactly: String? = nil) {
        self.lower = lower
        self.upper = upper
        self.exactly = exactly
    }

    init(_ range: PersonRange) { self.init(lower: range.lower?.rawValue, upper: range.upper?.rawValue) }

    /// The same condition on another column.
    func on(_ column: String) -> PersonRangeCondition {
        var condition = self
        condition.column = column
        return condition
    }

    var sql: String {
        if exactly != nil { return "\(column) = ?" }
        let parts = [lower.map { _ in "\(column) >= ?" }, upper.map { _ in "\(column) < ?" }].compactMap { $0 }
        return parts.isEmpty ? "1" : parts.joined(separator: " AND ")
    }

    var arguments: StatementArguments {
        StatementArguments(exactly.map { [$0] } ?? [lower, upper].compactMap { $0 })
    }
}

/// What `verify` reads of one slice of persons (``PersonSlice``), in its snapshot.
extension SQLiteLedger {
    /// Ranges of persons of about `entriesPerSlice` entries each, from the person index.
    static func personRanges(_ db: Database, entriesPerSlice: Int) throws -> [PersonRange] {
        var cutter = PersonRange.Cutter(entriesPerSlice: entriesPerSlice)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT person_id, count(*) FROM entries GROUP BY person_id ORDER BY person_id")
        while let row = try rows.next() { cutter.add(PersonID(row[0] as String), entries: row[1]) }
        return cutter.finish()
    }

    static func slice(_ db: Database, _ range: PersonRangeCondition) throws -> PersonSlice {
        var credits: [StandingCredit] = []
        let creditRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, person_id, module_id, hours, form, occurred_at, source FROM entries
                WHERE reverses IS NULL AND \(range.sql)
                """,
            arguments: range.arguments)
        while let row = try creditRows.next() { credits.append(standingCredit(row)) }
        // Reversals by the person of the credit they cancel, so each falls in its credit's slice.
        let reversalRows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.occurred_at, r.reverses, c.person_id FROM entries c JOIN entries r ON r.reverses = c.id
                WHERE \(range.on("c.person_id").sql)
                """,
            arguments: range.arguments)
        let reversals = reversalRows.map { row in
            PersonSlice.Reversal(
                id: EntryID(row[0] as String), occurredAt: RowCoding.date(row[1]), target: EntryID(row[2] as String),
                targetPerson: PersonID(row[3] as String))
        }
        return PersonSlice(
            credits: credits, reversals: reversals, stored: try materialised(db, range), routes: try routes(db, range),
            persons: try persons(db, range), personEvents: try personEvents(db, range))
    }
}
