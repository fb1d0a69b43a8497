#if PostgreSQL
    import PostgresNIO

    /// The merge log of the PostgreSQL ledger (migration 8), as SQLite's (`SQLitePersonMergesSchema`):
    /// `person_merges` append-only and hash-chained, the view `current_person_merges` of the merges in
    /// force, the standing tables keyed by the canonical person (the standing trigger maps a new
    /// credit's person through the merges in force), and the two persons' rows derived again in the
    /// transaction of each merge or unmerge (``rederive``).
    enum PostgresPersonMergesSchema {
        static let message = "the merge log is append-only: record an unmerge instead"

        /// The person `column` counts as under the merges in force.
        static func canonical(_ column: String) -> String {
            "COALESCE((SELECT keep_id FROM current_person_merges WHERE other_id = \(column)), \(column))"
        }

        static let v8 = PostgresMigrations.Migration(
            version: 8, name: "person merges",
            statements: [
                """
                CREATE TABLE person_merges (
                    position INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('merge', 'unmerge')),
                    keep_id TEXT NOT NULL,
                    other_id TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    run_id TEXT,
                    recorded_at BIGINT NOT NULL,
                    hash TEXT NOT NULL
                )
                """,
                "CREATE INDEX person_merges_by_other ON person_merges(other_id, position)",
                """
                CREATE FUNCTION person_merges_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '\(message)';
                END
                $$
                """,
                """
                CREATE TRIGGER person_merges_refuse_update_delete BEFORE UPDATE OR DELETE ON person_merges
                    FOR EACH ROW EXECUTE FUNCTION person_merges_refuse_change()
                """,
                """
                CREATE TRIGGER person_merges_refuse_truncate BEFORE TRUNCATE ON person_merges
                    FOR EACH STATEMENT EXECUTE FUNCTION person_merges_refuse_change()
                """,
                """
                CREATE VIEW current_person_merges AS
                    SELECT m.other_id, m.keep_id FROM person_merges m
                    WHERE m.kind = 'merge'
                        AND m.position = (SELECT MAX(l.position) FROM person_merges l WHERE l.other_id = m.other_id)
                """,
                standingFunction,
            ])

        /// `entries_keep_standing` of migration 5, with a new credit counted for its canonical person;
        /// a reversal finds the person in the standing row it removes, which is already canonical.
        private static let standingFunction = """
            CREATE OR REPLACE FUNCTION entries_keep_standing() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                gone standing_credits%ROWTYPE;
                counted standing_modules%ROWTYPE;
                month_of TEXT;
                who TEXT;
            BEGIN
                IF NEW.kind = 'credit' THEN
                    month_of := \(PostgresStandingSchema.month("NEW.occurred_at"));
                    who := \(canonical("NEW.person_id"));
                    INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
                        VALUES (NEW.id, who, NEW.module_id, NEW.hours, NEW.form, NEW.occurred_at, NEW.source, month_of);
                    SELECT * INTO counted FROM standing_modules WHERE person_id = who AND module_id = NEW.module_id;
                    IF NOT FOUND THEN
                        INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                            VALUES (who, NEW.module_id, NEW.id, NEW.hours, NEW.form, NEW.occurred_at, NEW.source);
                        INSERT INTO person_totals (person_id, modules, hours) VALUES (who, 1, NEW.hours)
                            ON CONFLICT (person_id) DO UPDATE SET modules = person_totals.modules + 1,
                                hours = person_totals.hours + EXCLUDED.hours;
                    ELSIF (NEW.occurred_at, NEW.id COLLATE "C") < (counted.occurred_at, counted.entry_id COLLATE "C") THEN
                        UPDATE standing_modules SET entry_id = NEW.id, hours = NEW.hours, form = NEW.form,
                            occurred_at = NEW.occurred_at, source = NEW.source
                            WHERE person_id = who AND module_id = NEW.module_id;
                        UPDATE person_totals SET hours = hours - counted.hours + NEW.hours WHERE person_id = who;
                    END IF;
                    INSERT INTO standing_months (month, form, person_id, credits, hours)
                        VALUES (month_of, NEW.form, who, 1, NEW.hours)
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
            """

        /// The statements that derive the standing rows of `persons` (canonical ids under the merges
        /// now in force) and of everyone merged into them again from the entries.
        static func rederive(_ persons: [String]) -> [PostgresQuery] {
            [
                "DELETE FROM standing_modules WHERE person_id = ANY(\(persons))",
                "DELETE FROM person_totals WHERE person_id = ANY(\(persons))",
                "DELETE FROM standing_months WHERE person_id = ANY(\(persons))",
                "DELETE FROM standing_credits WHERE person_id = ANY(\(persons))",
                """
                INSERT INTO standing_credits (entry_id, person_id, module_id, hours, form, occurred_at, source, month)
                SELECT e.id, \(unescaped: canonical("e.person_id")), e.module_id, e.hours, e.form, e.occurred_at,
                    e.source, \(unescaped: PostgresStandingSchema.month("e.occurred_at"))
                FROM entries e
                WHERE e.kind = 'credit'
                    AND (e.person_id = ANY(\(persons))
                        OR e.person_id IN (SELECT other_id FROM current_person_merges WHERE keep_id = ANY(\(persons))))
                    AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)
                """,
                """
                INSERT INTO standing_modules (person_id, module_id, entry_id, hours, form, occurred_at, source)
                SELECT DISTINCT ON (person_id, module_id) person_id, module_id, entry_id, hours, form, occurred_at, source
                FROM standing_credits WHERE person_id = ANY(\(persons))
                ORDER BY person_id, module_id, occurred_at, entry_id COLLATE "C"
                """,
                """
                INSERT INTO person_totals (person_id, modules, hours)
                SELECT person_id, COUNT(*), SUM(hours) FROM standing_modules WHERE person_id = ANY(\(persons))
                GROUP BY person_id
                """,
                """
                INSERT INTO standing_months (month, form, person_id, credits, hours)
                SELECT month, form, person_id, COUNT(*), SUM(hours) FROM standing_credits
                WHERE person_id = ANY(\(persons)) GROUP BY month, form, person_id
                """,
            ]
        }
    }
#endif
