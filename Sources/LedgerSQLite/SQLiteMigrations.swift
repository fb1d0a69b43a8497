import GRDB

/// The ledger's schema, as versioned migrations. A migration that has shipped is never edited: a
/// change is a new migration.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: ledger, persons, routes, documents") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: person registry") { db in
            try db.execute(sql: personRegistry)
        }
        migrator.registerMigration("v3: sync runs") { db in
            try db.execute(sql: syncRuns)
        }
        migrator.registerMigration("v4: documents: content, number series, verification codes, cancellations") { db in
            try db.execute(sql: documentContent)
        }
        migrator.registerMigration("v5: standing credits, per-person and monthly standing") { db in
            try db.execute(sql: SQLiteStandingSchema.v5)
        }
        migrator.registerMigration("v6: staff accounts of the console") { db in
            try db.execute(sql: staff)
        }
        migrator.registerMigration("v7: automatic routes, derived from the credits") { db in
            try db.execute(sql: automaticRoutes)
        }
        migrator.registerMigration("v8: person merges") { db in
            try db.execute(sql: SQLitePersonMergesSchema.v8)
        }
        migrator.registerMigration("v9: findings history") { db in
            try db.execute(sql: SQLiteFindingsSchema.v9)
        }
        return migrator
    }

    /// Which routes a program opened by itself: the sync replaces them as the credits change, while a
    /// registrar's routes stay as recorded. Routes kept before this migration count as recorded.
    private static let automaticRoutes = """
        ALTER TABLE routes ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
        """

    static let immutableMessage = "ledger entries are append-only: write a reversal entry instead"
    static let personEventsMessage = "person events are append-only: record a new event instead"
    static let documentsMessage = "issued documents are immutable: issue a cancellation instead"

    private static let v1 = """
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
        );
        CREATE TABLE person_keys (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            PRIMARY KEY (kind, value)
        );
        CREATE TABLE batches (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            description TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            written INTEGER NOT NULL,
            already_present INTEGER NOT NULL
        );
        CREATE TABLE entries (
            position INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            person_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            hours INTEGER NOT NULL CHECK (hours > 0),
            form TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('credit', 'reversal')),
            reverses TEXT,
            occurred_at INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            batch_id TEXT NOT NULL REFERENCES batches(id),
            note TEXT,
            hash TEXT NOT NULL,
            CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
        );
        CREATE INDEX entries_by_person ON entries(person_id);
        CREATE INDEX entries_by_reversed ON entries(reverses) WHERE reverses IS NOT NULL;
        CREATE TRIGGER entries_refuse_update BEFORE UPDATE ON entries
            BEGIN SELECT RAISE(ABORT, '\(immutableMessage)'); END;
        CREATE TRIGGER entries_refuse_delete BEFORE DELETE ON entries
            BEGIN SELECT RAISE(ABORT, '\(immutableMessage)'); END;
        CREATE TABLE ledger_head (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            count INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO ledger_head VALUES (1, 0, '\(String(repeating: "0", count: 64))');
        CREATE TABLE sync_cursors (
            site TEXT NOT NULL,
            stream TEXT NOT NULL,
            value TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            PRIMARY KEY (site, stream)
        );
        CREATE TABLE routes (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            deadline INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            hours INTEGER NOT NULL DEFAULT 0,
            completed_at INTEGER
        );
        CREATE INDEX routes_by_person ON routes(person_id);
        CREATE TABLE documents (
            registration_number TEXT PRIMARY KEY,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            kind TEXT NOT NULL,
            route_id TEXT NOT NULL,
            person_id TEXT NOT NULL,
            hours INTEGER NOT NULL,
            issued_at INTEGER NOT NULL,
            cancels TEXT REFERENCES documents(registration_number),
            UNIQUE (year, number)
        );
        CREATE TRIGGER documents_refuse_update BEFORE UPDATE ON documents
            BEGIN SELECT RAISE(ABORT, '\(documentsMessage)'); END;
        CREATE TRIGGER documents_refuse_delete BEFORE DELETE ON documents
            BEGIN SELECT RAISE(ABORT, '\(documentsMessage)'); END;
        CREATE TABLE document_counters (
            year INTEGER PRIMARY KEY,
            last INTEGER NOT NULL
        );
        """

    /// The registry's fields for the federal registry export, and the append-only history of every
    /// change and refused conflict.
    private static let personRegistry = """
        ALTER TABLE persons ADD COLUMN birth_date TEXT;
        ALTER TABLE persons ADD COLUMN sex TEXT;
        ALTER TABLE persons ADD COLUMN education_level TEXT;
        ALTER TABLE persons ADD COLUMN diploma_last_name TEXT;
        ALTER TABLE persons ADD COLUMN diploma_series TEXT;
        ALTER TABLE persons ADD COLUMN diploma_number TEXT;
        ALTER TABLE persons ADD COLUMN citizenship TEXT;
        ALTER TABLE persons ADD COLUMN funding TEXT;
        CREATE TABLE person_events (
            position INTEGER PRIMARY KEY,
            person_id TEXT NOT NULL,
            field TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('change', 'conflict')),
            stored TEXT,
            offered TEXT NOT NULL,
            source TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            recorded_at INTEGER NOT NULL
        );
        CREATE INDEX person_events_by_person ON person_events(person_id);
        CREATE TRIGGER person_events_refuse_update BEFORE UPDATE ON person_events
            BEGIN SELECT RAISE(ABORT, '\(personEventsMessage)'); END;
        CREATE TRIGGER person_events_refuse_delete BEFORE DELETE ON person_events
            BEGIN SELECT RAISE(ABORT, '\(personEventsMessage)'); END;
        """

    /// Each site's sync runs: started, ended, outcome, cost and new credits (for `status` and the console).
    private static let syncRuns = """
        CREATE TABLE sync_runs (
            run_id TEXT NOT NULL,
            site TEXT NOT NULL,
            host TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            outcome TEXT NOT NULL,
            requests INTEGER NOT NULL,
            new_credits INTEGER NOT NULL,
            message TEXT,
            PRIMARY KEY (run_id, site)
        );
        CREATE INDEX sync_runs_by_site ON sync_runs(site, started_at);
        """

    /// Issued documents keep what they certify (program, volume, completion, modules with the entry
    /// of each credit), a verification code, a number in their kind's own series, and a
    /// cancellation's reason and operator. Documents issued before it keep their numbers and have no
    /// stored modules; each series' counter continues after the last number the shared one gave, so
    /// no registration number can repeat.
    private static let documentContent = """
        ALTER TABLE documents ADD COLUMN series_number INTEGER;
        ALTER TABLE documents ADD COLUMN program_id TEXT;
        ALTER TABLE documents ADD COLUMN program_title TEXT;
        ALTER TABLE documents ADD COLUMN program_hours INTEGER;
        ALTER TABLE documents ADD COLUMN completed_at INTEGER;
        ALTER TABLE documents ADD COLUMN verification_code TEXT;
        ALTER TABLE documents ADD COLUMN reason TEXT;
        ALTER TABLE documents ADD COLUMN operator TEXT;
        CREATE UNIQUE INDEX documents_by_series ON documents(kind, year, series_number);
        CREATE TABLE document_modules (
            registration_number TEXT NOT NULL REFERENCES documents(registration_number),
            position INTEGER NOT NULL,
            module_id TEXT NOT NULL,
            title TEXT NOT NULL,
            form TEXT NOT NULL,
            hours INTEGER NOT NULL,
            occurred_at INTEGER NOT NULL,
            entry_id TEXT NOT NULL,
            PRIMARY KEY (registration_number, position)
        );
        CREATE TRIGGER document_modules_refuse_update BEFORE UPDATE ON document_modules
            BEGIN SELECT RAISE(ABORT, '\(documentsMessage)'); END;
        CREATE TRIGGER document_modules_refuse_delete BEFORE DELETE ON document_modules
            BEGIN SELECT RAISE(ABORT, '\(documentsMessage)'); END;
        CREATE TABLE document_series_counters (
            kind TEXT NOT NULL,
            year INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (kind, year)
        );
        INSERT INTO document_series_counters (kind, year, last)
            SELECT k.kind, c.year, c.last FROM document_counters c
            CROSS JOIN (SELECT 'certificate' AS kind UNION ALL SELECT 'statement' UNION ALL SELECT 'cancellation') k;
        """

    /// The console's staff accounts: a login, a role and a bcrypt hash; disabled, never deleted.
    private static let staff = """
        CREATE TABLE staff (
            login TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0
        );
        """
}
