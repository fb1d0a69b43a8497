#if PostgreSQL
    /// The findings history (migration 9), the same tables as SQLite's (`SQLiteFindingsSchema`): each
    /// finding once per key (kind, site, subject), with when and by which run it was first and last
    /// seen, its state, an acknowledgement's who, why and when, and the run that resolved it; and
    /// when each staff member last opened the reconciliation queue.
    enum PostgresFindingsSchema {
        static let v9 = PostgresMigrations.Migration(
            version: 9, name: "findings history",
            statements: [
                """
                CREATE TABLE findings (
                    id BIGSERIAL PRIMARY KEY,
                    kind TEXT NOT NULL,
                    site TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    detail_ru TEXT NOT NULL,
                    detail_en TEXT NOT NULL,
                    person_id TEXT,
                    course TEXT,
                    user_name TEXT,
                    module_id TEXT,
                    first_run TEXT NOT NULL,
                    first_at BIGINT NOT NULL,
                    last_run TEXT NOT NULL,
                    last_at BIGINT NOT NULL,
                    opened_at BIGINT NOT NULL,
                    state TEXT NOT NULL,
                    acknowledged_by TEXT,
                    acknowledged_reason TEXT,
                    acknowledged_at BIGINT,
                    resolved_run TEXT,
                    resolved_at BIGINT,
                    UNIQUE (kind, site, subject)
                )
                """,
                "CREATE INDEX findings_by_site ON findings(site, state)",
                "CREATE INDEX findings_by_opened ON findings(opened_at)",
                """
                CREATE TABLE findings_queue_visits (
                    login TEXT PRIMARY KEY,
                    visited_at BIGINT NOT NULL,
                    previous_at BIGINT
                )
                """,
            ])
    }
#endif
