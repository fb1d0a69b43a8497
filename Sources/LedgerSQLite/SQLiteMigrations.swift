import GRDB

/// The ledger's schema, as versioned migrations. A migration that has shipped is never edited: a
/// change is a new migration.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: ledger, persons, routes, documents") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: staff accounts of the console") { db in
            try db.execute(sql: staff)
        }
        return migrator
    }

    static let immutableMessage = "ledger entries are append-only: write a reversal entry instead"
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
