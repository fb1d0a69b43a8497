import CreditCore
import Foundation
import GRDB

/// Reading the standing state the ledger keeps beside its entries (``SQLiteStandingSchema``).
extension SQLiteLedger {
    public func standingCredits(person: PersonID?) async throws -> [StandingCredit] {
        try await writer.read { db in
            try Self.standingCredits(
                db, table: "standing_credits", where: person == nil ? "" : "WHERE person_id = ?",
                arguments: StatementArguments(person.map { [$0.rawValue] } ?? []))
        }
    }

    public func siteCredits(site: SiteID) async throws -> [String: StandingCredit] {
        // The canonical text of a Moodle source: `moodle|SITE|COURSE|USER`.
        let prefix = "moodle|\(site.rawValue)|"
        return try await writer.read { db in
            var credits: [String: StandingCredit] = [:]
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.entry_id, s.person_id, s.module_id, s.hours, s.form, s.occurred_at, s.source, e.idempotency_key
                    FROM standing_credits s JOIN entries e ON e.id = s.entry_id
                    WHERE substr(s.source, 1, ?) = ?
                    """,
                arguments: [prefix.count, prefix])
            while let row = try cursor.next() {
                credits[row[7] as String] = StandingCredit(
                    entry: EntryID(row[0] as String), person: PersonID(row[1] as String),
                    module: ModuleID(row[2] as String), hours: CreditHours(row[3] as Int),
                    form: StudyForm(rawValue: row[4]) ?? .distance, occurredAt: RowCoding.date(row[5]),
                    source: EntrySource(canonicalText: row[6]))
            }
            return credits
        }
    }

    public func standingTotals() async throws -> [PersonTotal] {
        try await writer.read { db in try Self.standingTotals(db) }
    }

    public func standingMonths() async throws -> StandingMonths {
        try await writer.read { db in try Self.standingMonths(db) }
    }

    public func personsWritten(after count: Int) async throws -> Set<PersonID> {
        try await writer.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT DISTINCT person_id FROM entries WHERE position > ?", arguments: [count]
                )
                .map { PersonID($0) })
        }
    }

    public func entries(after count: Int) async throws -> [LedgerEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM entries WHERE position > ? ORDER BY position", arguments: [count])
                .map(Self.entry)
        }
    }

    /// Everything the standing tables hold, for `verify`.
    static func materialised(_ db: Database, _ range: PersonRangeCondition) throws -> MaterialisedStanding {
        let condition = "WHERE \(range.sql)"
        return MaterialisedStanding(
            credits: try standingCredits(db, table: "standing_credits", where: condition, arguments: range.arguments),
            modules: try standingCredits(db, table: "standing_modules", where: condition, arguments: range.arguments),
            totals: try standingTotals(db, range), months: try standingMonths(db, range))
    }

    private static func standingCredits(
        _ db: Database, table: String, where condition: String, arguments: StatementArguments
    ) throws -> [StandingCredit] {
        var credits: [StandingCredit] = []
        // Every row at its final size at once: a million credits are held once, not also in growth
        // slack. (One person's or one slice's few need no count first.)
        if condition.isEmpty {
            credits.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0)
        }
        let cursor = try Row.fetchCursor(
            db,
            sql: "SELECT entry_id, person_id, module_id, hours, form, occurred_at, source FROM \(table) \(condition)",
            arguments: arguments)
        while let row = try cursor.next() { credits.append(standingCredit(row)) }
        return credits
    }

    /// A credit from a row of (entry id, person, module, hours, form, occurred at, source).
    static func standingCredit(_ row: Row) -> StandingCredit {
        StandingCredit(
            entry: EntryID(row[0] as String), person: PersonID(row[1] as String), module: ModuleID(row[2] as String),
            hours: CreditHours(row[3] as Int), form: StudyForm(rawValue: row[4]) ?? .distance,
            occurredAt: RowCoding.date(row[5]), source: EntrySource(canonicalText: row[6]))
    }

    private static func standingTotals(_ db: Database, _ range: PersonRangeCondition = .all) throws -> [PersonTotal] {
        try Row.fetchAll(
            db, sql: "SELECT person_id, modules, hours FROM person_totals WHERE \(range.sql) ORDER BY person_id",
            arguments: range.arguments
        ).map {
            PersonTotal(person: PersonID($0[0] as String), modules: $0[1], hours: CreditHours($0[2] as Int))
        }
    }

    private static func standingMonths(_ db: Database, _ range: PersonRangeCondition = .all) throws -> StandingMonths {
        let offset = try Int.fetchOne(db, sql: "SELECT month_utc_offset FROM ledger_settings") ?? 0
        let rows = try Row.fetchAll(
            db, sql: "SELECT month, form, person_id, credits, hours FROM standing_months WHERE \(range.sql)",
            arguments: range.arguments)
            .compactMap { row -> MonthStanding? in
                guard let month = YearMonth(row[0] as String), let form = StudyForm(rawValue: row[1]) else {
                    return nil
                }
                return MonthStanding(
                    key: MonthStanding.Key(month: month, form: form, person: PersonID(row[2] as String)),
                    credits: row[3], hours: CreditHours(row[4] as Int))
            }
        return StandingMonths(utcOffsetSeconds: offset, rows: rows)
    }
}
