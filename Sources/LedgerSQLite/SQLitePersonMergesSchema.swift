/// The merge log of the SQLite ledger (migration v8) and what it changes in the standing state.
///
/// - `person_merges`: merge and unmerge events, append-only (triggers refuse changes), each with
///   the hash of the event before (``PersonMergeChain``), which `verify` checks.
/// - `current_person_merges`: a view of the merges in force (an event whose latest one is a merge).
/// - The standing tables are keyed by the *canonical* person (the one a person is merged into, else
///   itself): the triggers of v5 are replaced by ones that map a new credit's person through the
///   merges in force, and a merge or unmerge derives the two persons' rows again in its transaction
///   (``rederive(_:)``).
enum SQLitePersonMergesSchema {
    static let message = "the merge log is append-only: record an unmerge instead"

    /// The person `column` counts as under the merges in force.
    static func canonical(_ column: String) -> String {
        "COALESCE((SELECT keep_id FROM current_person_merges WHERE other_id = \(column)), \(column))"
    }

    static let v8 = """
        CREATE TABLE person_merges (
            position INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'unmerge')),
            keep_id TEXT NOT NULL,
            other_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            actor TEXT NOT NULL,
            run_id TEXT,
            recorded_at INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX person_merges_by_other ON person_merges(other_id, position);
        CREATE TRIGGER person_merges_refuse_update BEFORE UPDATE ON person_merges
            BEGIN SELECT RAISE(ABORT, '\(message)'); END;
        CREATE TRIGGER person_merges_refuse_delete BEFORE DELETE ON person_merges
            BEGIN SELECT RAISE(ABORT, '\(message)'); END;
        CREATE VIEW current_person_merges AS
            SELECT m.other_id, m.keep_id FROM person_merges m
            WHERE m.kind = 'merge'
                AND m.position = (SELECT MAX(l.position) FROM person_merges l WHERE l.other_id = m.other_id);

        DROP TRIGGER entries_stand_credit;
        DROP TRIGGER entries_unstand_credit;
        CREATE TRIGGER entries_stand_credit AFTER INSERT ON entries WHEN NEW.kind = 'credit'
        BEGIN
            INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
                VALUES (NEW.id, \(canonical("NEW.person_id")), NEW.module_id, NEW.hours, NEW.form, NEW.occurred_at,
                    NEW.source, \(SQLiteStandingSchema.monthExpression("NEW.occurred_at")));
            INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                VALUES (\(canonical("NEW.person_id")), NEW.module_id, NEW.id, NEW.hours, NEW.form, NEW.occurred_at,
                    NEW.source)
                ON CONFLICT (person_id, module_id) DO UPDATE SET entry_id = excluded.entry_id,
                    hours = excluded.hours, form = excluded.form, occurred_at = excluded.occurred_at,
                    source = excluded.source
                WHERE (excluded.occurred_at, excluded.entry_id)
                    < (standing_modules.occurred_at, standing_modules.entry_id);
            INSERT INTO standing_months (month, form, person_id, credits, hours)
                VALUES (\(SQLiteStandingSchema.monthExpression("NEW.occurred_at")), NEW.form,
                    \(canonical("NEW.person_id")), 1, NEW.hours)
                ON CONFLICT (month, form, person_id) DO UPDATE SET credits = credits + 1,
                    hours = standing_months.hours + excluded.hours;
        END;
        CREATE TRIGGER entries_unstand_credit AFTER INSERT ON entries WHEN NEW.kind = 'reversal'
        BEGIN
            UPDATE standing_months SET credits = credits - 1,
                hours = hours - (SELECT hours FROM standing_credits WHERE entry_id = NEW.reverses)
            WHERE (month, form, person_id)
                = (SELECT month, form, person_id FROM standing_credits WHERE entry_id = NEW.reverses);
            DELETE FROM standing_months WHERE credits = 0 AND (month, form, person_id)
                = (SELECT month, form, person_id FROM standing_credits WHERE entry_id = NEW.reverses);
            DELETE FROM standing_credits WHERE entry_id = NEW.reverses;
            DELETE FROM standing_modules WHERE entry_id = NEW.reverses;
            INSERT OR IGNORE INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                SELECT s.person_id, s.module_id, s.entry_id, s.hours, s.form, s.occurred_at, s.source
                FROM standing_credits s JOIN entries c ON c.id = NEW.reverses
                WHERE s.person_id = \(canonical("c.person_id")) AND s.module_id = c.module_id
                ORDER BY s.occurred_at, s.entry_id LIMIT 1;
        END;
        """

    /// Derives the standing rows of `persons` (canonical ids under the merges now in force) and of
    /// everyone merged into them again from the entries; run after a merge-log event, in its
    /// transaction. The `standing_modules` triggers keep `person_totals`.
    static func rederive(_ persons: [String]) -> (sql: String, arguments: [String]) {
        let marks = Array(repeating: "?", count: persons.count).joined(separator: ", ")
        let sql = """
            DELETE FROM standing_modules WHERE person_id IN (\(marks));
            DELETE FROM person_totals WHERE person_id IN (\(marks));
            DELETE FROM standing_months WHERE person_id IN (\(marks));
            DELETE FROM standing_credits WHERE person_id IN (\(marks));
            INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
                SELECT e.id, \(canonical("e.person_id")), e.module_id, e.hours, e.form, e.occurred_at, e.source,
                    \(SQLiteStandingSchema.monthExpression("e.occurred_at"))
                FROM entries e
                WHERE e.kind = 'credit'
                    AND (e.person_id IN (\(marks))
                        OR e.person_id IN (SELECT other_id FROM current_person_merges WHERE keep_id IN (\(marks))))
                    AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id);
            INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                SELECT person_id, module_id, entry_id, hours, form, occurred_at, source FROM (
                    SELECT s.*, ROW_NUMBER() OVER (
                        PARTITION BY s.person_id, s.module_id ORDER BY s.occurred_at, s.entry_id) AS rank
                    FROM standing_credits s WHERE s.person_id IN (\(marks)))
                WHERE rank = 1;
            INSERT INTO standing_months (month, form, person_id, credits, hours)
                SELECT month, form, person_id, COUNT(*), SUM(hours) FROM standing_credits
                WHERE person_id IN (\(marks)) GROUP BY month, form, person_id;
            """
        return (sql, Array(Array(repeating: persons, count: 8).joined()))
    }
}
