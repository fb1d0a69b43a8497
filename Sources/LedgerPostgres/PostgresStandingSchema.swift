#if PostgreSQL
    /// The standing state the PostgreSQL ledger keeps beside its entries (migration 2), the same
    /// tables as SQLite's (`SQLiteStandingSchema`): kept up to date by a row trigger on `entries`, so
    /// they are written in the append transaction (COPY fires it too), and checked by `verify`
    /// against the projection. Entry ids are ordered as bytes (`COLLATE "C"`), as the projection
    /// orders them.
    enum PostgresStandingSchema {
        static func month(_ seconds: String) -> String {
            "to_char(to_timestamp(\(seconds) + (SELECT month_utc_offset FROM ledger_settings)) AT TIME ZONE 'UTC', 'YYYY-MM')"
        }

        static let v5 = PostgresMigrations.Migration(
            version: 5, name: "standing credits, per-person and monthly standing",
            statements: [
                """
                CREATE TABLE ledger_settings (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    month_utc_offset INTEGER NOT NULL
                )
                """,
                "INSERT INTO ledger_settings VALUES (1, 10800)",
                """
                CREATE TABLE standing_credits (
                    entry_id TEXT PRIMARY KEY,
                    person_id TEXT NOT NULL,
                    module_id TEXT NOT NULL,
                    hours INTEGER NOT NULL,
                    form TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    source TEXT NOT NULL,
                    month TEXT NOT NULL
                )
                """,
                "CREATE INDEX standing_credits_by_person ON standing_credits(person_id, module_id, occurred_at)",
                """
                CREATE TABLE standing_modules (
                    person_id TEXT NOT NULL,
                    module_id TEXT NOT NULL,
                    entry_id TEXT NOT NULL,
                    hours INTEGER NOT NULL,
                    form TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    source TEXT NOT NULL,
                    PRIMARY KEY (person_id, module_id)
                )
                """,
                "CREATE INDEX standing_modules_by_entry ON standing_modules(entry_id)",
                """
                CREATE TABLE person_totals (
                    person_id TEXT PRIMARY KEY,
                    modules INTEGER NOT NULL,
                    hours INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE standing_months (
                    month TEXT NOT NULL,
                    form TEXT NOT NULL,
                    person_id TEXT NOT NULL,
                    credits INTEGER NOT NULL,
                    hours INTEGER NOT NULL,
                    PRIMARY KEY (month, form, person_id)
                )
                """,
                """
                INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
                SELECT e.id, e.person_id, e.module_id, e.hours, e.form, e.occurred_at, e.source, \(month("e.occurred_at"))
                FROM entries e
                WHERE e.kind = 'credit' AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)
                """,
                """
                INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                SELECT DISTINCT ON (person_id, module_id) person_id, module_id, entry_id, hours, form, occurred_at, source
                FROM standing_credits ORDER BY person_id, module_id, occurred_at, entry_id COLLATE "C"
                """,
                """
                INSERT INTO person_totals (person_id, modules, hours)
                SELECT person_id, COUNT(*), SUM(hours) FROM standing_modules GROUP BY person_id
                """,
                """
                INSERT INTO standing_months (month, form, person_id, credits, hours)
                SELECT month, form, person_id, COUNT(*), SUM(hours) FROM standing_credits GROUP BY month, form, person_id
                """,
                """
                CREATE FUNCTION entries_keep_standing() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    gone standing_credits%ROWTYPE;
                    counted standing_modules%ROWTYPE;
                    month_of TEXT;
                BEGIN
                    IF NEW.kind = 'credit' THEN
                        month_of := \(month("NEW.occurred_at"));
                        INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
                            VALUES (NEW.id, NEW.person_id, NEW.module_id, NEW.hours, NEW.form, NEW.occurred_at,
                                NEW.source, month_of);
                        SELECT * INTO counted FROM standing_modules
                            WHERE person_id = NEW.person_id AND module_id = NEW.module_id;
                        IF NOT FOUND THEN
                            INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                                VALUES (NEW.person_id, NEW.module_id, NEW.id, NEW.hours, NEW.form, NEW.occurred_at,
                                    NEW.source);
                            INSERT INTO person_totals (person_id, modules, hours) VALUES (NEW.person_id, 1, NEW.hours)
                                ON CONFLICT (person_id) DO UPDATE SET modules = person_totals.modules + 1,
                                    hours = person_totals.hours + EXCLUDED.hours;
                        ELSIF (NEW.occurred_at, NEW.id COLLATE "C") < (counted.occurred_at, counted.entry_id COLLATE "C") THEN
                            UPDATE standing_modules SET entry_id = NEW.id, hours = NEW.hours, form = NEW.form,
                                occurred_at = NEW.occurred_at, source = NEW.source
                                WHERE person_id = NEW.person_id AND module_id = NEW.module_id;
                            UPDATE person_totals SET hours = hours - counted.hours + NEW.hours
                                WHERE person_id = NEW.person_id;
                        END IF;
                        INSERT INTO standing_months (month, form, person_id, credits, hours)
                            VALUES (month_of, NEW.form, NEW.person_id, 1, NEW.hours)
                            ON CONFLICT (month, form, person_id) DO UPDATE SET credits = standing_months.credits + 1,
                                hours = standing_months.hours + EXCLUDED.hours;
                    ELSE
                        DELETE FROM standing_credits WHERE entry_id = NEW.reverses RETURNING * INTO gone;
                        IF NOT FOUND THEN
                            RETURN NULL;
                        END IF;
                        UPDATE standing_months SET credits = credits - 1, hours = hours - gone.hours
                            WHERE month = gone.month AND form = gone.form AND person_id = gone.person_id;
                        DELETE FROM standing_months
                            WHERE month = gone.month AND form = gone.form AND person_id = gone.person_id AND credits = 0;
                        DELETE FROM standing_modules WHERE entry_id = gone.entry_id RETURNING * INTO counted;
                        IF FOUND THEN
                            UPDATE person_totals SET modules = modules - 1, hours = hours - counted.hours
                                WHERE person_id = gone.person_id;
                            INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                                SELECT person_id, module_id, entry_id, hours, form, occurred_at, source
                                FROM standing_credits WHERE person_id = gone.person_id AND module_id = gone.module_id
                                ORDER BY occurred_at, entry_id COLLATE "C" LIMIT 1
                                RETURNING * INTO counted;
                            IF FOUND THEN
                                UPDATE person_totals SET modules = modules + 1, hours = hours + counted.hours
                                    WHERE person_id = gone.person_id;
                            END IF;
                            DELETE FROM person_totals WHERE person_id = gone.person_id AND modules = 0;
                        END IF;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER entries_keep_standing AFTER INSERT ON entries
                    FOR EACH ROW EXECUTE FUNCTION entries_keep_standing()
                """,
            ])
    }
#endif
