#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    /// The credit ledger on a PostgreSQL server, for institutes that run several bridges against one
    /// database.
    ///
    /// The database itself refuses to update, delete or truncate entries and issued documents
    /// (plpgsql triggers). Every append runs in one transaction that first locks the ledger's head
    /// row, so appenders in different processes are serialised, the chain stays linear and each
    /// idempotency key is written once.
    ///
    /// Connections come from a `PostgresClient` pool whose background work runs in a task the ledger
    /// owns; ``close()`` ends it and closes the connections. The pool uses postgres-nio's shared
    /// event loop group, so opening and dropping ledgers never starts threads of its own.
    ///
    /// ```swift
    /// let ledger = try await PostgresLedger(url: "postgres://bridge@db.local/moodlebridge")
    /// let outcome = try await ledger.append(batch)
    /// await ledger.close()
    /// ```
    public final class PostgresLedger: LedgerStore {
        /// Where the ledger lives (its description leaves out the password).
        public let configuration: Configuration
        let client: PostgresClient
        let logger: Logger
        private let running: Task<Void, Never>

        /// Connects to the ledger described by `configuration` and brings its schema up to date.
        ///
        /// - Parameter logger: Where postgres-nio logs; by default only critical messages, to stderr.
        public init(configuration: Configuration, logger: Logger? = nil) async throws {
            let logger = logger ?? Self.quietLogger
            // A connection of its own first: a wrong password or an unreachable server is reported at
            // once and in the server's words, where the pool would retry for a minute and then report
            // only that it gave up.
            try await Self.withConnection(configuration, logger: logger) { connection in
                try await PostgresMigrations.migrate(connection, schema: configuration.schema, logger: logger)
            }
            self.configuration = configuration
            self.logger = logger
            let client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
            self.client = client
            // The task holds the client, not the ledger, so dropping the ledger still reaches deinit.
            running = Task { await client.run() }
        }

        /// Connects to `postgres://user:password@host:port/database` (optionally in `schema`) and
        /// brings the schema up to date.
        public convenience init(url: String, schema: String? = nil, logger: Logger? = nil) async throws {
            try await self.init(configuration: Configuration(url: url, schema: schema), logger: logger)
        }

        deinit {
            running.cancel()
        }

        /// Closes the ledger's connections and waits until they are closed. The ledger cannot be
        /// used afterwards.
        public func close() async {
            // Cancelling `run()` shuts the pool down; it returns once every connection is closed.
            running.cancel()
            await running.value
        }

        /// How many schema migrations this version of the ledger applies (one row each in `schema_migrations`).
        public static var schemaMigrationCount: Int { PostgresMigrations.all.count }

        /// Runs plain SQL on a connection of its own, outside any ledger: for setting up schemas,
        /// tests and operators' one-off fixes. The statement must be a single one.
        public static func execute(_ sql: String, configuration: Configuration, logger: Logger? = nil) async throws {
            try await withConnection(configuration, logger: logger ?? quietLogger) { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger ?? quietLogger)
            }
        }

        /// Runs `body` on a new connection that is closed afterwards, whatever `body` does.
        private static func withConnection(
            _ configuration: Configuration, logger: Logger, _ body: (PostgresConnection) async throws -> Void
        ) async throws {
            try configuration.validate()
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: try configuration.connectionConfiguration(), id: 1, logger: logger)
                do {
                    try await body(connection)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try await connection.close()
            } catch {
                throw PostgresLedgerError.from(error, place: configuration.description)
            }
        }

        public func append(_ batch: LedgerBatch) async throws -> AppendOutcome {
            let checkpoint = configuration.checkpoint
            let (outcome, head) = try await reporting {
                try await client.withTransaction(logger: logger) { connection in
                    let outcome = try await PostgresAppender(connection: connection, logger: logger).append(batch)
                    var head: LedgerCheckpoint?
                    if checkpoint != nil, outcome.written > 0 {
                        for try await (count, hash) in try await connection.query(
                            "SELECT count, hash FROM ledger_head", logger: logger
                        ).decode((Int, String).self) {
                            head = LedgerCheckpoint(entries: count, head: hash)
                        }
                    }
                    return (outcome, head)
                }
            }
            // Written once the transaction has committed: the checkpoint never runs ahead of the ledger.
            if let head, let checkpoint { head.advance(checkpoint) }
            return outcome
        }

        public func entries(person: PersonID?) async throws -> [LedgerEntry] {
            try await reporting {
                let columns = PostgresRowCoding.entryColumns
                let query: PostgresQuery =
                    if let person {
                        """
                        SELECT \(unescaped: columns) FROM entries WHERE person_id = \(person.rawValue) \
                        ORDER BY position
                        """
                    } else {
                        "SELECT \(unescaped: columns) FROM entries ORDER BY position"
                    }
                var entries: [LedgerEntry] = []
                // Rows are decoded one by one as they stream in (see PostgresRowCoding.entry(_:)).
                for try await row in try await client.query(query, logger: logger) {
                    entries.append(try PostgresRowCoding.entry(row))
                }
                return entries
            }
        }

        public func entryCount() async throws -> Int {
            try await reporting {
                try await first(Int.self, "SELECT count FROM ledger_head") ?? 0
            }
        }

        public func contains(idempotencyKey: String) async throws -> Bool {
            try await reporting {
                try await first(
                    Bool.self, "SELECT EXISTS (SELECT 1 FROM entries WHERE idempotency_key = \(idempotencyKey))")
                    ?? false
            }
        }

        public func idempotencyKeys(among keys: [String]) async throws -> Set<String> {
            let unique = Array(Set(keys))
            guard !unique.isEmpty else { return [] }
            return try await reporting {
                var found: Set<String> = []
                let rows = try await client.query(
                    "SELECT idempotency_key FROM entries WHERE idempotency_key = ANY(\(unique))", logger: logger)
                for try await key in rows.decode(String.self) { found.insert(key) }
                return found
            }
        }

        public func persons(keys: [PersonKey.Lookup]) async throws -> [PersonKey.Lookup: PersonID] {
            let lookups = PersonKey.Lookups(keys)
            let values = lookups.values
            guard !values.isEmpty else { return [:] }
            return try await reporting {
                var found: [PersonKey.Lookup: PersonID] = [:]
                let rows = try await client.query(
                    """
                    SELECT kind, value, \(unescaped: PostgresPersonMergesSchema.canonical("person_id"))
                    FROM person_keys WHERE value = ANY(\(values))
                    """, logger: logger)
                for try await (kind, value, person) in rows.decode((String, String, String).self) {
                    if let key = lookups.match(storedKind: kind, value: value) { found[key] = PersonID(person) }
                }
                return found
            }
        }

        public func persons() async throws -> [Person] {
            try await reporting { try await Self.persons(on: client, logger: logger) }
        }

        /// Every known person, read through `connection`.
        static func persons(
            on connection: some PostgresQueryRunner, matching filter: PersonFilter = .everyone, logger: Logger
        ) async throws -> [Person] {
            var persons: [Person] = []
            let rows = try await connection.run(
                "SELECT to_jsonb(p)::text FROM persons p WHERE \("id", matches: filter) ORDER BY id COLLATE \"C\"",
                logger: logger)
            for try await json in rows.decode(String.self) {
                persons.append(try PostgresPersonRow.person(json: json))
            }
            return persons
        }

        public func registryRevision() async throws -> RegistryRevision {
            try await reporting {
                let rows = try await client.query(
                    "SELECT (SELECT count(*) FROM persons), (SELECT coalesce(max(position), 0) FROM person_events)",
                    logger: logger)
                for try await (persons, last) in rows.decode((Int, Int).self) {
                    return RegistryRevision(persons: persons, lastEvent: last)
                }
                return RegistryRevision(persons: 0, lastEvent: 0)
            }
        }

        public func person(id: PersonID) async throws -> Person? {
            try await reporting {
                let rows = try await client.query(
                    "SELECT to_jsonb(p)::text FROM persons p WHERE id = \(id.rawValue)", logger: logger)
                for try await json in rows.decode(String.self) { return try PostgresPersonRow.person(json: json) }
                return nil
            }
        }

        public func personEvents(person: PersonID?) async throws -> [RecordedPersonEvent] {
            try await reporting { try await Self.personEvents(person: person, on: client, logger: logger) }
        }

        /// The registry's history, all or one person's, read through `connection`.
        static func personEvents(
            person: PersonID?, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws -> [RecordedPersonEvent] {
            try await personEvents(matching: person.map { .only($0) } ?? .everyone, on: connection, logger: logger)
        }

        static func personEvents(
            matching filter: PersonFilter, on connection: some PostgresQueryRunner, logger: Logger
        ) async throws -> [RecordedPersonEvent] {
            var events: [RecordedPersonEvent] = []
            let rows = try await connection.run(
                """
                SELECT person_id, field, kind, stored, offered, source, batch_id, recorded_at FROM person_events
                WHERE \("person_id", matches: filter) ORDER BY position
                """, logger: logger)
            for try await (id, field, kind, stored, offered, source, batch, recordedAt) in rows.decode(
                (String, String, String, String?, String, String, String, Int).self)
            {
                guard let field = PersonField(rawValue: field), let kind = PersonEvent.Kind(rawValue: kind) else {
                    continue
                }
                events.append(
                    RecordedPersonEvent(
                        event: PersonEvent(
                            person: PersonID(id), field: field, kind: kind, stored: stored, offered: offered,
                            source: source),
                        batch: BatchID(batch), recordedAt: PostgresRowCoding.date(recordedAt)))
            }
            return events
        }

        public func person(kind: PersonKey.Kind, value: String) async throws -> PersonID? {
            try await reporting {
                try await first(
                    String.self,
                    """
                    SELECT \(unescaped: PostgresPersonMergesSchema.canonical("person_id")) FROM person_keys
                    WHERE kind = \(kind.storageName) AND value = \(value)
                    """
                ).map { PersonID($0) }
            }
        }

        public func cursors(site: SiteID) async throws -> [SyncCursor] {
            try await reporting {
                var cursors: [SyncCursor] = []
                let rows = try await client.query(
                    "SELECT stream, value FROM sync_cursors WHERE site = \(site.rawValue) ORDER BY stream COLLATE \"C\"",
                    logger: logger)
                for try await (stream, value) in rows.decode((String, String).self) {
                    cursors.append(SyncCursor(site: site, stream: stream, value: value))
                }
                return cursors
            }
        }

        public func batches() async throws -> [BatchRecord] {
            try await reporting {
                var batches: [BatchRecord] = []
                let rows = try await client.query(
                    "SELECT id, kind, actor, description, recorded_at, written, already_present FROM batches ORDER BY seq",
                    logger: logger)
                for try await (id, kind, actor, description, recordedAt, written, alreadyPresent) in rows.decode(
                    (String, String, String, String, Int, Int, Int).self)
                {
                    batches.append(
                        BatchRecord(
                            id: BatchID(id), kind: LedgerBatch.Kind(rawValue: kind) ?? .manual, actor: actor,
                            description: description, recordedAt: PostgresRowCoding.date(recordedAt), written: written,
                            alreadyPresent: alreadyPresent))
                }
                return batches
            }
        }

        /// In one snapshot: the entries streamed against the chain, then the derived state one slice
        /// of persons at a time (``LedgerVerification/SliceCheck``).
        public func verify(_ scope: VerificationScope) async throws -> LedgerVerification {
            // Read before the snapshot: the checkpoint can then only record entries the snapshot holds.
            let checkpointFile = configuration.checkpoint
            let checkpoint = checkpointFile.flatMap { LedgerCheckpoint(file: $0) }
            return try await reporting {
                try await client.withTransaction(logger: logger) { connection in
                    // One snapshot for the head and the entries, so an append in between is not a break.
                    try await connection.query(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                    var head = (hash: LedgerChain.genesis, count: 0)
                    for try await (count, hash) in try await connection.query(
                        "SELECT count, hash FROM ledger_head", logger: logger
                    ).decode((Int, String).self) {
                        head = (hash, count)
                    }
                    let documents = try await Self.documents(on: connection, logger: logger)
                    let named = LedgerAudit.namedEntries(documents)
                    var namedEntries: [EntryID: LedgerEntry] = [:]
                    var streamed = LedgerVerification.Streamed()
                    var hashAtCheckpoint: String?
                    // Rows stream in as they are decoded; none is kept past its turn.
                    let rows = try await connection.query(
                        "SELECT \(unescaped: PostgresRowCoding.hashedEntryColumns) FROM entries ORDER BY position",
                        logger: logger)
                    for try await row in rows {
                        let (entry, hash) = try PostgresRowCoding.hashedEntry(row)
                        guard streamed.add(entry, storedHash: hash) else { continue }
                        if named.contains(entry.id) { namedEntries[entry.id] = entry }
                        if streamed.count == checkpoint?.entries { hashAtCheckpoint = hash }
                    }
                    let merges = try await Self.personMerges(on: connection, logger: logger)
                    let chain = streamed.finish(head: head, merges: merges)
                    guard chain.isIntact else { return chain }
                    var slices = LedgerVerification.SliceCheck(merges: merges, scope: scope)
                    for range in try await Self.personRanges(
                        on: connection, entriesPerSlice: scope.entriesPerSlice, logger: logger)
                    where slices.wantsMore {
                        slices.check(try await Self.slice(range, on: connection, logger: logger))
                    }
                    slices.finish()
                    var checkpointProblem: LedgerVerification.Problem?
                    if let checkpoint, let checkpointFile {
                        checkpointProblem =
                            checkpoint.problem(
                                file: checkpointFile, count: streamed.count, hashAtEntries: hashAtCheckpoint)
                            ?? checkpoint.mergeProblem(file: checkpointFile, log: merges)
                    }
                    return slices.verdict(
                        chain: chain, checkpoint: checkpointProblem,
                        records: try await Self.recordsProblem(
                            on: connection, documents: documents, entries: namedEntries, logger: logger))
                }
            }
        }

        /// The first column of the first row, or `nil` when there is none.
        func first<Value: PostgresDecodable & Sendable>(_: Value.Type, _ query: PostgresQuery) async throws -> Value? {
            var value: Value?
            for try await row in try await client.query(query, logger: logger).decode(Value.self) where value == nil {
                value = row
            }
            return value
        }

        /// Runs `body`, turning postgres-nio's errors into ones that say what the server said.
        func reporting<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
            do {
                return try await body()
            } catch {
                throw PostgresLedgerError.from(error, place: configuration.description)
            }
        }

        static var quietLogger: Logger {
            var logger = Logger(label: "moodlebridge.ledger.postgres")
            logger.logLevel = .critical
            return logger
        }
    }

    extension PostgresLedger.Configuration {
        var clientConfiguration: PostgresClient.Configuration {
            var client = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: clientTLS)
            client.options.maximumConnections = maximumConnections
            client.options.additionalStartupParameters = startupParameters
            return client
        }

        func connectionConfiguration() throws -> PostgresConnection.Configuration {
            var connection = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: try connectionTLS()
            )
            connection.options.additionalStartupParameters = startupParameters
            return connection
        }

        /// Every connection starts in the ledger's schema; the server applies `search_path` from the
        /// startup packet as if it were `SET`.
        private var startupParameters: [(String, String)] {
            schema.map { [("search_path", $0)] } ?? []
        }

        /// TLS as libpq does it: `prefer` and `require` encrypt without checking the certificate
        /// (a self-signed server certificate is the norm on a database host), `verifyFull` checks it.
        private var tlsContext: TLSConfiguration {
            var tls = TLSConfiguration.makeClientConfiguration()
            if self.tls != .verifyFull { tls.certificateVerification = .none }
            return tls
        }

        private var clientTLS: PostgresClient.Configuration.TLS {
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(tlsContext)
            case .require, .verifyFull: .require(tlsContext)
            }
        }

        private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: tlsContext))
            case .require, .verifyFull: .require(try NIOSSLContext(configuration: tlsContext))
            }
        }
    }
#endif
