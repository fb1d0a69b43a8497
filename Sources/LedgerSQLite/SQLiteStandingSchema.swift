/// The standing state the SQLite ledger keeps beside its entries (migration v2): the tables the
/// ``LedgerProjection`` would derive from the entries, kept up to date by triggers on `entries`, so
/// that they are written in the append transaction whoever appends (the bridge or any other
/// writer), and checked by `verify` against the projection.
///
/// - `standing_credits`: every credit no reversal cancels;
/// - `standing_modules`: per person and module, the credit that counts (the earliest standing one,
///   by `occurred_at`, then entry id);
/// - `person_totals`: per person, modules and hours (kept from `standing_modules`);
/// - `standing_months`: per month, form and person, credits and hours, the months counted at
///   `ledger_settings.month_utc_offset` seconds from UTC (UTC+3 unless changed).
enum SQLiteStandingSchema {
    /// The month (`yyyy-MM`) of a time in seconds, at the ledger's month offset.
    static func monthExpression(_ seconds: String) -> String {
        "strftime('%Y-%m', \(seconds) + (SELECT month_utc_offset FROM ledger_settings), 'unixepoch')"
    }

    static let v5 = """
        CREATE TABLE ledger_settings (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            month_utc_offset INTEGER NOT NULL
        );
        INSERT INTO ledger_settings VALUES (1, 10800);
        CREATE TABLE standing_credits (
            entry_id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            hours INTEGER NOT NULL,
            form TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            month TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX standing_credits_by_person ON standing_credits(person_id, module_id, occurred_at);
        CREATE TABLE standing_modules (
            person_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            hours INTEGER NOT NULL,
            form TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (person_id, module_id)
        ) WITHOUT ROWID;
        CREATE INDEX standing_modules_by_entry ON standing_modules(entry_id);
        CREATE TABLE person_totals (
            person_id TEXT PRIMARY KEY,
            modules INTEGER NOT NULL,
            hours INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE standing_months (
            month TEXT NOT NULL,
            form TEXT NOT NULL,
            person_id TEXT NOT NULL,
            credits INTEGER NOT NULL,
            hours INTEGER NOT NULL,
            PRIMARY KEY (month, form, person_id)
        ) WITHOUT ROWID;

        INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
            SELECT e.id, e.person_id, e.module_id, e.hours, e.form, e.occurred_at, e.source, \(monthExpression("e.occurred_at"))
            FROM entries e
            WHERE e.kind = 'credit' AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id);
        INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
            SELECT person_id, module_id, entry_id, hours, form, occurred_at, source FROM (
                SELECT s.*, ROW_NUMBER() OVER (
                    PARTITION BY s.person_id, s.module_id ORDER BY s.occurred_at, s.entry_id) AS rank
                FROM standing_credits s)
            WHERE rank = 1;
        INSERT INTO person_totals (person_id, modules, hours)
            SELECT person_id, COUNT(*), SUM(hours) FROM standing_modules GROUP BY person_id;
        INSERT INTO standing_months (month, form, person_id, credits, hours)
            SELECT month, form, person_id, COUNT(*), SUM(hours) FROM standing_credits GROUP BY month, form, person_id;

        CREATE TRIGGER entries_stand_credit AFTER INSERT ON entries WHEN NEW.kind = 'credit'
        BEGIN
            INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
                VALUES (NEW.id, NEW.person_id, NEW.module_id, NEW.hours, NEW.form, NEW.occurred_at, NEW.source,
                    \(monthExpression("NEW.occurred_at")));
            INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                VALUES (NEW.person_id, NEW.module_id, NEW.id, NEW.hours, NEW.form, NEW.occurred_at, NEW.source)
                ON CONFLICT (person_id, module_id) DO UPDATE SET entry_id = excluded.entry_id,
                    hours = excluded.hours, form = excluded.form, occurred_at = excluded.occurred_at,
                    source = excluded.source
                WHERE (excluded.occurred_at, excluded.entry_id)
                    < (standing_modules.occurred_at, standing_modules.entry_id);
            INSERT INTO standing_months (month, form, person_id, credits, hours)
                VALUES (\(monthExpression("NEW.occurred_at")), NEW.form, NEW.person_id, 1, NEW.hours)
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
                WHERE s.person_id = c.person_id AND s.module_id = c.module_id
                ORDER BY s.occurred_at, s.entry_id LIMIT 1;
        END;
        CREATE TRIGGER standing_modules_added AFTER INSERT ON standing_modules
        BEGIN
            INSERT INTO person_totals (person_id, modules, hours) VALUES (NEW.person_id, 1, NEW.hours)
                ON CONFLICT (person_id) DO UPDATE SET modules = modules + 1,
                    hours = person_totals.hours + excluded.hours;
        END;
        CREATE TRIGGER standing_modules_changed AFTER UPDATE ON standing_modules
        BEGIN
            UPDATE person_totals SET hours = hours - OLD.hours + NEW.hours WHERE person_id = NEW.person_id;
        END;
        CREATE TRIGGER standing_modules_removed AFTER DELETE ON standing_modules
        BEGIN
            UPDATE person_totals SET modules = modules - 1, hours = hours - OLD.hours WHERE person_id = OLD.person_id;
            DELETE FROM person_totals WHERE person_id = OLD.person_id AND modules = 0;
        END;
        """
}
