import CreditCore
import Foundation
import GRDB

/// The credit ledger in one SQLite file (WAL), the embedded default.
///
/// The database itself refuses to update or delete entries and issued documents (triggers). Every
/// append runs in one `BEGIN IMMEDIATE` transaction, so two processes appending at once are
/// serialised and each idempotency key is written once.
///
/// ```swift
/// let ledger = try SQLiteLedger(path: "ledger.sqlite")
/// let outcome = try await ledger.append(batch)
/// ```
public final class SQLiteLedger: LedgerStore {
    let writer: any DatabaseWriter
    /// The ledger file, or nil for a ledger in memory.
    public let path: String?

    /// Whether opening a ledger may create its file.
    public enum OpenMode: Sendable {
        /// Create the file when it is missing (a sync, an import, a first credit).
        case createIfMissing
        /// Open an existing file only; a missing one is refused and nothing is created.
        case existing
    }

    /// Why a ledger file could not be opened.
    public enum OpenError: Error, Equatable, Sendable, CustomStringConvertible {
        /// ``OpenMode/existing`` was asked for and there is no file at the path.
        case missing(path: String)
        /// The path names a folder, not a ledger file.
        case notAFile(path: String)

        public var description: String {
            switch self {
            case .missing(let path): "no ledger at \(path)"
            case .notAFile(let path): "\(path) is a folder, not a ledger file"
            }
        }
    }

    /// Opens the ledger file at `path` (creating it when `mode` allows) and brings its schema up to
    /// date.
    ///
    /// - Throws: ``OpenError/missing(path:)`` when `mode` is ``OpenMode/existing`` and the file is
    ///   missing; no file is created then.
    public init(path: String, mode: OpenMode = .createIfMissing) throws {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue { throw OpenError.notAFile(path: path) }
        if mode == .existing, !exists { throw OpenError.missing(path: path) }
        // A new ledger file: a checkpoint beside it belonged to a ledger deleted before it.
        if !exists { try? FileManager.default.removeItem(atPath: path + LedgerCheckpoint.suffix) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        writer = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try SQLiteMigrations.migrator.migrate(writer)
    }

    /// A ledger in memory, for tests and dry runs.
    public init() throws {
        writer = try DatabaseQueue()
        path = nil
        try SQLiteMigrations.migrator.migrate(writer)
    }

    public func append(_ batch: LedgerBatch) async throws -> AppendOutcome {
        try await writer.writeWithoutTransaction { db in
            var outcome = AppendOutcome(written: 0, alreadyPresent: 0)
            var head: LedgerCheckpoint?
            try db.inTransaction(.immediate) {
                outcome = try SQLiteAppender(db: db).append(batch)
                if outcome.written > 0, let row = try Row.fetchOne(db, sql: "SELECT count, hash FROM ledger_head") {
                    head = LedgerCheckpoint(entries: row["count"], head: row["hash"])
                }
                return .commit
            }
            if let head, let file = checkpointPath { head.advance(file) }
            return outcome
        }
    }

    /// The checkpoint file beside a ledger file: the entry count and head hash after the last
    /// append, outside the database, so that `verify` notices a cut-off end.
    public var checkpointPath: String? { path.map { $0 + LedgerCheckpoint.suffix } }

    public func entries(person: PersonID?) async throws -> [LedgerEntry] {
        try await writer.read { db in
            let sql = "SELECT * FROM entries \(person == nil ? "" : "WHERE person_id = ?") ORDER BY position"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(person.map { [$0.rawValue] } ?? []))
                .map(Self.entry)
        }
    }

    public func entryCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT count FROM ledger_head") ?? 0 }
    }

    public func contains(idempotencyKey: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM entries WHERE idempotency_key = ?", arguments: [idempotencyKey])
                ?? false
        }
    }

    public func idempotencyKeys(among keys: [String]) async throws -> Set<String> {
        let unique = Array(Set(keys))
        guard !unique.isEmpty else { return [] }
        return try await writer.read { db in
            var found: Set<String> = []
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = Array(unique[start..<min(start + 500, unique.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                found.formUnion(
                    try String.fetchAll(
                        db, sql: "SELECT idempotency_key FROM entries WHERE idempotency_key IN (\(marks))",
                        arguments: StatementArguments(chunk)))
            }
            return found
        }
    }

    public func persons(keys: [PersonKey.Lookup]) async throws -> [PersonKey.Lookup: PersonID] {
        let lookups = PersonKey.Lookups(keys)
        let values = lookups.values
        guard !values.isEmpty else { return [:] }
        return try await writer.read { db in
            var found: [PersonKey.Lookup: PersonID] = [:]
            for start in stride(from: 0, to: values.count, by: 500) {
                let chunk = Array(values[start..<min(start + 500, values.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT kind, value, \(SQLitePersonMergesSchema.canonical("person_id")) AS person_id
                        FROM person_keys WHERE value IN (\(marks))
                        """,
                    arguments: StatementArguments(chunk))
                {
                    if let key = lookups.match(storedKind: row["kind"], value: row["value"]) {
                        found[key] = PersonID(row["person_id"] as String)
                    }
                }
            }
            return found
        }
    }

    public func persons() async throws -> [Person] {
        try await writer.read { db in try Self.persons(db) }
    }

    static func persons(_ db: Database, _ range: PersonRangeCondition = .all) throws -> [Person] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM persons WHERE \(range.on("id").sql) ORDER BY id", arguments: range.arguments
        ).map(PersonRow.person)
    }

    public func registryRevision() async throws -> RegistryRevision {
        try await writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT (SELECT count(*) FROM persons), (SELECT coalesce(max(position), 0) FROM person_events)")
            return RegistryRevision(persons: row?[0] ?? 0, lastEvent: row?[1] ?? 0)
        }
    }

    public func person(id: PersonID) async throws -> Person? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE id = ?", arguments: [id.rawValue])
                .map(PersonRow.person)
        }
    }

    public func personEvents(person: PersonID?) async throws -> [RecordedPersonEvent] {
        try await writer.read { db in try Self.personEvents(db, person: person) }
    }

    static func personEvents(_ db: Database, person: PersonID?) throws -> [RecordedPersonEvent] {
        try personEvents(db, person.map { PersonRangeCondition.person($0) } ?? .all)
    }

    static func personEvents(_ db: Database, _ range: PersonRangeCondition) throws -> [RecordedPersonEvent] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM person_events WHERE \(range.sql) ORDER BY position", arguments: range.arguments)
        return rows.compactMap { row in
            guard let field = PersonField(rawValue: row["field"]),
                let kind = PersonEvent.Kind(rawValue: row["kind"])
            else { return nil }
            return RecordedPersonEvent(
                event: PersonEvent(
                    person: PersonID(row["person_id"] as String), field: field, kind: kind, stored: row["stored"],
                    offered: row["offered"], source: row["source"]),
                batch: BatchID(row["batch_id"] as String), recordedAt: RowCoding.date(row["recorded_at"]))
        }
    }

    public func person(kind: PersonKey.Kind, value: String) async throws -> PersonID? {
        try await writer.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT \(SQLitePersonMergesSchema.canonical("person_id")) FROM person_keys
                    WHERE kind = ? AND value = ?
                    """,
                arguments: [kind.storageName, value]
            ).map { PersonID($0) }
        }
    }

    public func cursors(site: SiteID) async throws -> [SyncCursor] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sync_cursors WHERE site = ? ORDER BY stream", arguments: [site.rawValue]
            )
            .map { SyncCursor(site: SiteID($0["site"] as String), stream: $0["stream"], value: $0["value"]) }
        }
    }

    public func batches() async throws -> [BatchRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM batches ORDER BY rowid").map { row in
                BatchRecord(
                    id: BatchID(row["id"] as String), kind: LedgerBatch.Kind(rawValue: row["kind"]) ?? .manual,
                    actor: row["actor"], description: row["description"],
                    recordedAt: RowCoding.date(row["recorded_at"]), written: row["written"],
                    alreadyPresent: row["already_present"])
            }
        }
    }

    /// In one snapshot: the entries one row at a time (a cursor) against the chain, then the
    /// derived state one slice of persons at a time (``LedgerVerification/SliceCheck``).
    public func verify(_ scope: VerificationScope) async throws -> LedgerVerification {
        // Read before the snapshot: the checkpoint can then only record entries the snapshot holds.
        let checkpointFile = checkpointPath
        let checkpoint = checkpointFile.flatMap { LedgerCheckpoint(file: $0) }
        return try await writer.read { db in
            let head = try Row.fetchOne(db, sql: "SELECT count, hash FROM ledger_head")
            let named = LedgerAudit.namedEntries(try Self.documents(db))
            var namedEntries: [EntryID: LedgerEntry] = [:]
            var streamed = LedgerVerification.Streamed()
            var hashAtCheckpoint: String?
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM entries ORDER BY position")
            while let row = try cursor.next() {
                let entry = Self.entry(row)
                let hash: String = row["hash"]
                guard streamed.add(entry, storedHash: hash) else { break }
                if named.contains(entry.id) { namedEntries[entry.id] = entry }
                if streamed.count == checkpoint?.entries { hashAtCheckpoint = hash }
            }
            let merges = try Self.personMerges(db)
            let chain = streamed.finish(head: (head?["hash"] ?? LedgerChain.genesis, head?["count"] ?? 0), merges: merges)
            guard chain.isIntact else { return chain }
            var slices = LedgerVerification.SliceCheck(merges: merges, scope: scope)
            for range in try Self.personRanges(db, entriesPerSlice: scope.entriesPerSlice) where slices.wantsMore {
                slices.check(try Self.slice(db, PersonRangeCondition(range)))
            }
            slices.finish()
            var checkpointProblem: LedgerVerification.Problem?
            if let checkpoint, let checkpointFile {
                checkpointProblem =
                    checkpoint.problem(file: checkpointFile, count: streamed.count, hashAtEntries: hashAtCheckpoint)
                    ?? checkpoint.mergeProblem(file: checkpointFile, log: merges)
            }
            return slices.verdict(
                chain: chain, checkpoint: checkpointProblem,
                records: try Self.recordsProblem(db, entries: namedEntries))
        }
    }

    static func entry(_ row: Row) -> LedgerEntry {
        LedgerEntry(
            id: EntryID(row["id"] as String), person: PersonID(row["person_id"] as String),
            module: ModuleID(row["module_id"] as String), hours: CreditHours(row["hours"] as Int),
            form: StudyForm(rawValue: row["form"]) ?? .distance,
            kind: LedgerEntry.Kind(storageName: row["kind"], reverses: row["reverses"]),
            occurredAt: RowCoding.date(row["occurred_at"]), recordedAt: RowCoding.date(row["recorded_at"]),
            source: EntrySource(canonicalText: row["source"]), idempotencyKey: row["idempotency_key"],
            batch: BatchID(row["batch_id"] as String), note: row["note"])
    }
}
