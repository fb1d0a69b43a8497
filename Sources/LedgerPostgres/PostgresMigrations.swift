#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    /// The ledger's schema, as versioned migrations recorded in `schema_migrations`. A migration that
    /// has shipped is never edited: a change is a new migration with the next version.
    ///
    /// The tables and columns are SQLite's (`SQLiteMigrations`), with times as BIGINT seconds; the
    /// guards are plpgsql triggers.
    enum PostgresMigrations {
        struct Migration: Sendable {
            var version: Int
            var name: String
            /// One statement each: the extended protocol runs a single statement per query.
            var statements: [String]
        }

        static let entriesMessage = "ledger entries are append-only: write a reversal entry instead"
        static let documentsMessage = "issued documents are immutable: issue a cancellation instead"

        static let all: [Migration] = [
            v1, v2, v3, documentContent, PostgresStandingSchema.v5, staffAccounts, automaticRoutes,
            PostgresPersonMergesSchema.v8,
            PostgresFindingsSchema.v9,
        ]

        /// Brings the schema up to date, in one transaction under an advisory lock, so that two
        /// processes opening the same ledger at once neither race nor apply a migration twice.
        static func migrate(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws {
            try await connection.withTransaction(logger: logger) { connection in
                // Transaction-scoped: released by COMMIT or ROLLBACK, even if this process dies.
                let lockName = "moodlebridge.ledger.migrate:\(schema ?? "")"
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockName)))", logger: logger)
                // Created only when missing: CREATE … IF NOT EXISTS still asks for the right to create,
                // which a role that only reads and appends to a migrated ledger need not have.
                if let schema {
                    let present = try await isTrue(
                        "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = \(schema))", on: connection, logger)
                    // `schema` was checked to be a plain lowercase name, so it needs no quoting.
                    if !present { try await connection.query("CREATE SCHEMA \(unescaped: schema)", logger: logger) }
                }
                if try await !isTrue("SELECT to_regclass('schema_migrations') IS NOT NULL", on: connection, logger) {
                    try await connection.query(
                        """
                        CREATE TABLE schema_migrations (
                            version INTEGER PRIMARY KEY,
                            name TEXT NOT NULL,
                            applied_at BIGINT NOT NULL
                        )
                        """, logger: logger)
                }
                var applied: Set<Int> = []
                for try await version in try await connection.query(
                    "SELECT version FROM schema_migrations", logger: logger
                ).decode(Int.self) {
                    applied.insert(version)
                }
                let now = Int(Date().timeIntervalSince1970)
                for migration in all where !applied.contains(migration.version) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(migration.version), \(migration.name), \(now))",
                        logger: logger)
                }
            }
        }

        /// The boolean `query` returns.
        private static func isTrue(
            _ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger
        ) async throws
            -> Bool
        {
            var answer = false
            for try await value in try await connection.query(query, logger: logger).decode(Bool.self) {
                answer = value
            }
            return answer
        }

        private static let v1 = Migration(
            version: 1, name: "ledger, persons, routes, documents",
            statements: [
                """
                CREATE TABLE persons (
                    id TEXT PRIMARY KEY,
                    last_name TEXT NOT NULL,
                    first_name TEXT NOT NULL,
                    middle_name TEXT,
                    snils TEXT,
                    email TEXT,
                    idnumber TEXT,
                    category TEXT NOT NULL,
                    centre TEXT
                )
                """,
                """
                CREATE TABLE person_keys (
                    kind TEXT NOT NULL,
                    value TEXT NOT NULL,
                    person_id TEXT NOT NULL REFERENCES persons(id),
                    PRIMARY KEY (kind, value)
                )
                """,
                // `seq` stands in for SQLite's rowid: batches are listed in the order they were written.
                """
                CREATE TABLE batches (
                    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    description TEXT NOT NULL,
                    recorded_at BIGINT NOT NULL,
                    written INTEGER NOT NULL,
                    already_present INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE entries (
                    position BIGINT PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    person_id TEXT NOT NULL,
                    module_id TEXT NOT NULL,
                    hours INTEGER NOT NULL CHECK (hours > 0),
                    form TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('credit', 'reversal')),
                    reverses TEXT,
                    occurred_at BIGINT NOT NULL,
                    recorded_at BIGINT NOT NULL,
                    source TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    batch_id TEXT NOT NULL REFERENCES batches(id),
                    note TEXT,
                    hash TEXT NOT NULL,
                    CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
                )
                """,
                "CREATE INDEX entries_by_person ON entries(person_id)",
                "CREATE INDEX entries_by_reversed ON entries(reverses) WHERE reverses IS NOT NULL",
                """
                CREATE FUNCTION entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '\(entriesMessage)';
                END
                $$
                """,
                """
                CREATE TRIGGER entries_refuse_update_delete BEFORE UPDATE OR DELETE ON entries
                    FOR EACH ROW EXECUTE FUNCTION entries_refuse_change()
                """,
                """
                CREATE TRIGGER entries_refuse_truncate BEFORE TRUNCATE ON entries
                    FOR EACH STATEMENT EXECUTE FUNCTION entries_refuse_change()
                """,
                """
                CREATE TABLE ledger_head (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    count BIGINT NOT NULL,
                    hash TEXT NOT NULL
                )
                """,
                "INSERT INTO ledger_head VALUES (1, 0, '\(LedgerChain.genesis)')",
                """
                CREATE TABLE sync_cursors (
                    site TEXT NOT NULL,
                    stream TEXT NOT NULL,
                    value TEXT NOT NULL,
                    batch_id TEXT NOT NULL,
                    PRIMARY KEY (site, stream)
                )
                """,
                """
                CREATE TABLE routes (
                    id TEXT PRIMARY KEY,
                    person_id TEXT NOT NULL,
                    program_id TEXT NOT NULL,
                    start BIGINT NOT NULL,
                    deadline BIGINT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open',
                    hours INTEGER NOT NULL DEFAULT 0,
                    completed_at BIGINT
                )
                """,
                "CREATE INDEX routes_by_person ON routes(person_id)",
                """
                CREATE TABLE documents (
                    registration_number TEXT PRIMARY KEY,
                    year INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    route_id TEXT NOT NULL,
                    person_id TEXT NOT NULL,
                    hours INTEGER NOT NULL,
                    issued_at BIGINT NOT NULL,
                    cancels TEXT REFERENCES documents(registration_number),
                    UNIQUE (year, number)
                )
                """,
                """
                CREATE FUNCTION documents_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '\(documentsMessage)';
                END
                $$
                """,
                """
                CREATE TRIGGER documents_refuse_update_delete BEFORE UPDATE OR DELETE ON documents
                    FOR EACH ROW EXECUTE FUNCTION documents_refuse_change()
                """,
                """
                CREATE TRIGGER documents_refuse_truncate BEFORE TRUNCATE ON documents
                    FOR EACH STATEMENT EXECUTE FUNCTION documents_refuse_change()
                """,
                """
                CREATE TABLE document_counters (
                    year INTEGER PRIMARY KEY,
                    last INTEGER NOT NULL
                )
                """,
            ])

        /// The registry's fields for the federal registry export, and the append-only history of
        /// every change and refused conflict.
        private static let v2 = Migration(
            version: 2, name: "person registry",
            statements: [
                """
                ALTER TABLE persons ADD COLUMN birth_date TEXT, ADD COLUMN sex TEXT, ADD COLUMN education_level TEXT,
                    ADD COLUMN diploma_last_name TEXT, ADD COLUMN diploma_series TEXT, ADD COLUMN diploma_number TEXT,
                    ADD COLUMN citizenship TEXT, ADD COLUMN funding TEXT
                """,
                """
                CREATE TABLE person_events (
                    position BIGSERIAL PRIMARY KEY,
                    person_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('change', 'conflict')),
                    stored TEXT,
                    offered TEXT NOT NULL,
                    source TEXT NOT NULL,
                    batch_id TEXT NOT NULL,
                    recorded_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX person_events_by_person ON person_events(person_id)",
                """
                CREATE FUNCTION person_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'person events are append-only: record a new event instead';
                END
                $$
                """,
                """
                CREATE TRIGGER person_events_refuse_update_delete BEFORE UPDATE OR DELETE ON person_events
                    FOR EACH ROW EXECUTE FUNCTION person_events_refuse_change()
                """,
                """
                CREATE TRIGGER person_events_refuse_truncate BEFORE TRUNCATE ON person_events
                    FOR EACH STATEMENT EXECUTE FUNCTION person_events_refuse_change()
                """,
            ])

        /// Each site's sync runs: started, ended, outcome, cost and new credits.
        private static let v3 = Migration(
            version: 3, name: "sync runs",
            statements: [
                """
                CREATE TABLE sync_runs (
                    run_id TEXT NOT NULL,
                    site TEXT NOT NULL,
                    host TEXT NOT NULL,
                    started_at BIGINT NOT NULL,
                    ended_at BIGINT,
                    outcome TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    new_credits INTEGER NOT NULL,
                    message TEXT,
                    PRIMARY KEY (run_id, site)
                )
                """,
                "CREATE INDEX sync_runs_by_site ON sync_runs(site, started_at)",
            ])

        /// Issued documents keep what they certify, a verification code, a number in their kind's
        /// own series, and a cancellation's reason and operator (SQLite's migration of the same name).
        private static let documentContent = Migration(
            version: 4, name: "documents: content, number series, verification codes, cancellations",
            statements: [
                """
                ALTER TABLE documents
                    ADD COLUMN series_number INTEGER,
                    ADD COLUMN program_id TEXT,
                    ADD COLUMN program_title TEXT,
                    ADD COLUMN program_hours INTEGER,
                    ADD COLUMN completed_at BIGINT,
                    ADD COLUMN verification_code TEXT,
                    ADD COLUMN reason TEXT,
                    ADD COLUMN operator TEXT
                """,
                "CREATE UNIQUE INDEX documents_by_series ON documents(kind, year, series_number)",
                // No foreign key to documents: PostgreSQL checks one before the TRUNCATE guard, and
                // the guard's message is the one to give. A document's modules are written in its
                // own transaction.
                """
                CREATE TABLE document_modules (
                    registration_number TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    module_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    form TEXT NOT NULL,
                    hours INTEGER NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    entry_id TEXT NOT NULL,
                    PRIMARY KEY (registration_number, position)
                )
                """,
                """
                CREATE TRIGGER document_modules_refuse_update_delete BEFORE UPDATE OR DELETE ON document_modules
                    FOR EACH ROW EXECUTE FUNCTION documents_refuse_change()
                """,
                """
                CREATE TRIGGER document_modules_refuse_truncate BEFORE TRUNCATE ON document_modules
                    FOR EACH STATEMENT EXECUTE FUNCTION documents_refuse_change()
                """,
                """
                CREATE TABLE document_series_counters (
                    kind TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    last INTEGER NOT NULL,
                    PRIMARY KEY (kind, year)
                )
                """,
                """
                INSERT INTO document_series_counters (kind, year, last)
                    SELECT k.kind, c.year, c.last FROM document_counters c
                    CROSS JOIN (VALUES ('certificate'), ('statement'), ('cancellation')) AS k(kind)
                """,
            ])

        /// The console's staff accounts: a login, a role and a bcrypt hash; disabled, never deleted.
        private static let staffAccounts = Migration(
            version: 6, name: "staff accounts of the console",
            statements: [
                """
                CREATE TABLE staff (
                    login TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    disabled BOOLEAN NOT NULL DEFAULT FALSE
                )
                """,
            ])
    
        /// Which routes a program opened by itself: the sync replaces them as the credits change, while
        /// a registrar's routes stay as recorded. Routes kept before this migration count as recorded.
        private static let automaticRoutes = Migration(
            version: 7, name: "automatic routes, derived from the credits",
            statements: ["ALTER TABLE routes ADD COLUMN automatic BOOLEAN NOT NULL DEFAULT FALSE"])
    }
#endif
