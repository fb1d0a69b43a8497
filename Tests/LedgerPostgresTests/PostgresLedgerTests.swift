#if PostgreSQL
    import CreditCore
    import Foundation
    import LedgerConformance
    import LedgerPostgres
    import Testing

    /// What the PostgreSQL ledger promises beyond the conformance suite: its schema's history, its
    /// guards against TRUNCATE, and that it never shows a password.
    @Suite("PostgreSQL ledger", .enabled(if: PostgresTestServer.isEnabled, PostgresTestServer.skipReason))
    struct PostgresLedgerTests {
        @Test func migrationsAreRecordedOnceWhenProcessesOpenAtOnce() async throws {
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { _ = try await ledgers.open(configuration) } }
                    try await group.waitForAll()
                }
                try await PostgresLedger.execute(
                    """
                    DO $$ BEGIN
                        -- Versions 1…n, each recorded once, however many migrations there are.
                        IF (SELECT count(*) FROM schema_migrations) <> (SELECT count(DISTINCT version) FROM schema_migrations)
                            OR (SELECT count(*) FROM schema_migrations) <> (SELECT max(version) FROM schema_migrations)
                            OR (SELECT count(*) FROM schema_migrations) < 2 THEN
                            RAISE EXCEPTION 'schema_migrations should hold one row per migration';
                        END IF;
                    END $$
                    """, configuration: configuration)
            }
        }

        @Test func truncateIsRefused() async throws {
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                let ledger = try await ledgers.open(configuration)
                _ = try await ledger.append(LedgerFixtures.batch("b1", [LedgerFixtures.credit("p1", "ICT-01")]))
                _ = try await ledger.issueDocuments([
                    DocumentRequest(
                        kind: .certificate, route: "r1", person: "p1", hours: 72, issuedAt: LedgerFixtures.now,
                        year: 2026)
                ])
                let entries = await #expect(throws: (any Error).self) {
                    try await PostgresLedger.execute("TRUNCATE entries CASCADE", configuration: configuration)
                }
                #expect(String(describing: entries).contains("append-only"))
                let documents = await #expect(throws: (any Error).self) {
                    try await PostgresLedger.execute("TRUNCATE documents", configuration: configuration)
                }
                #expect(String(describing: documents).contains("immutable"))
                #expect(try await ledger.entryCount() == 1)
                #expect(try await ledger.verify().isIntact)
            }
        }

        @Test func valuesWithTabsNewlinesAndBackslashesRoundTrip() async throws {
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                let ledger = try await ledgers.open(configuration)
                var draft = LedgerFixtures.credit("p1", "ICT-01")
                draft.note = "tab\there, line\nbreak, return\r, backslash \\N and \\t, ёлка"
                draft.source = .sheet(file: "Ведомость|март\t2026.csv", row: 7)
                draft.idempotencyKey = "sheet/\\N"
                _ = try await ledger.append(LedgerFixtures.batch("b1", [draft]))
                let entry = try #require(try await ledger.entries(person: nil).first)
                #expect(entry.note == draft.note && entry.source == draft.source)
                #expect(entry.idempotencyKey == draft.idempotencyKey)
                #expect(try await ledger.contains(idempotencyKey: "sheet/\\N"))
                #expect(try await ledger.verify().isIntact)
            }
        }

        @Test func aBatchNamingAPersonOrCursorTwiceKeepsTheLast() async throws {
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                let ledger = try await ledgers.open(configuration)
                var first = LedgerFixtures.person("p1")
                first.email = "anna@school.example"
                var second = LedgerFixtures.person("p1", category: .methodist)
                second.lastName = "Петрова"
                _ = try await ledger.append(
                    LedgerFixtures.batch(
                        "b1", [], persons: [first, second],
                        keys: [
                            PersonKey(kind: .email, value: "anna@school.example", person: "p1"),
                            PersonKey(kind: .email, value: "anna@school.example", person: "p1"),
                        ],
                        cursors: [
                            SyncCursor(site: "ripk", stream: "course:2", value: "page-1"),
                            SyncCursor(site: "ripk", stream: "course:2", value: "page-2"),
                        ]))
                let person = try #require(try await ledger.persons().first)
                #expect(person.lastName == "Петрова" && person.category == .methodist)
                #expect(person.email == "anna@school.example")
                #expect(try await ledger.cursors(site: "ripk").map(\.value) == ["page-2"])
                #expect(try await ledger.person(kind: .email, value: "anna@school.example") == "p1")
            }
        }

        @Test func aWrongPasswordIsReportedWithoutIt() async throws {
            var configuration = try PostgresTestServer.configuration()
            configuration.password = "not-the-password-\(UUID().uuidString)"
            let error = await #expect(throws: (any Error).self) {
                _ = try await PostgresLedger(configuration: configuration)
            }
            let text = String(describing: error) + String(reflecting: error)
            #expect(!text.contains(configuration.password!))
            #expect(text.contains("password authentication failed"), "\(text)")
        }
    }

    /// Reading connection settings needs no server.
    @Suite("PostgreSQL ledger configuration")
    struct PostgresConfigurationTests {
        @Test func readsAURL() throws {
            let configuration = try PostgresLedger.Configuration(
                url: "postgres://bridge:p%40ss@db.example:6432/ledger?sslmode=require&schema=north")
            #expect(configuration.user == "bridge" && configuration.password == "p@ss")
            #expect(configuration.host == "db.example" && configuration.port == 6432)
            #expect(configuration.database == "ledger" && configuration.schema == "north")
            #expect(configuration.tls == .require)
            #expect(try PostgresLedger.Configuration(url: "postgresql://bridge@localhost/ledger").port == 5432)
        }

        @Test func neverShowsThePassword() throws {
            let configuration = try PostgresLedger.Configuration(url: "postgres://bridge:s3cret@db.example/ledger")
            #expect(!String(describing: configuration).contains("s3cret"))
            #expect(String(describing: configuration) == "postgres://bridge@db.example:5432/ledger")
            var dumped = ""
            dump(configuration, to: &dumped)
            #expect(!dumped.contains("s3cret") && !String(reflecting: configuration).contains("s3cret"))
            let error = #expect(throws: PostgresLedgerError.self) {
                try PostgresLedger.Configuration(url: "mysql://bridge:s3cret@db.example/ledger")
            }
            #expect(error.map { !$0.description.contains("s3cret") } == true)
        }

        @Test(arguments: ["North", "t-1", "1abc", "a;drop table entries", ""])
        func refusesASchemaThatNeedsQuoting(_ schema: String) {
            #expect(throws: PostgresLedgerError.self) {
                try PostgresLedger.Configuration(url: "postgres://bridge@localhost/ledger", schema: schema)
            }
        }
    }
#endif
