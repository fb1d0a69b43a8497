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
                        IF (SELECT count(*) FROM schema_migrations) <> \(PostgresLedger.schemaMigrationCount) THEN
                            RAISE EXCEPTION 'schema_migrations should hold one row per migration';
                        END IF;
                    END $$
                    """, configuration: configuration)
            }
        }

        /// A ledger whose documents were issued before the documents migration (built by undoing
        /// that migration on a new ledger): its documents stay as they were, and each series
        /// continues after the numbers they hold.
        @Test func documentsIssuedBeforeTheDocumentsMigrationStay() async throws {
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                _ = try await ledgers.open(configuration)
                await ledgers.closeAll()
                for sql in [
                    "DROP TABLE document_modules", "DROP TABLE document_series_counters",
                    """
                    ALTER TABLE documents DROP COLUMN series_number, DROP COLUMN program_id, DROP COLUMN program_title,
                        DROP COLUMN program_hours, DROP COLUMN completed_at, DROP COLUMN verification_code,
                        DROP COLUMN reason, DROP COLUMN operator
                    """,
                    "DELETE FROM schema_migrations WHERE version = 4",
                    """
                    INSERT INTO documents (registration_number, year, number, kind, route_id, person_id, hours, issued_at)
                    VALUES ('2026-00001', 2026, 1, 'certificate', 'r1', 'p1', 76, 1780000000),
                           ('2026-00002', 2026, 2, 'statement', 'r2', 'p2', 40, 1780000000)
                    """,
                    "INSERT INTO document_counters (year, last) VALUES (2026, 2)",
                ] {
                    try await PostgresLedger.execute(sql, configuration: configuration)
                }
                let ledger = try await ledgers.open(configuration)
                let documents = try await ledger.documents()
                #expect(documents.map(\.registrationNumber) == ["2026-00001", "2026-00002"])
                #expect(documents.map(\.request.hours) == [76, 40])
                #expect(documents.allSatisfy { $0.request.content == nil && $0.request.verificationCode == nil })
                let now = LedgerFixtures.now
                let issued = try await ledger.issueDocuments([
                    DocumentRequest(
                        kind: .certificate, route: "r3", person: "p3", hours: 72, issuedAt: now, year: 2026),
                    DocumentRequest(kind: .statement, route: "r4", person: "p4", hours: 30, issuedAt: now, year: 2026),
                    DocumentRequest(
                        kind: .cancellation, route: "r1", person: "p1", hours: 76, issuedAt: now, year: 2026,
                        cancels: "2026-00001"),
                ])
                #expect(issued.map(\.registrationNumber) == ["2026-00003", "С-2026-00003", "А-2026-00003"])
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

        @Test func aLedgerWithoutTheStandingTablesGetsThemFilledFromItsEntries() async throws {
            typealias F = LedgerFixtures
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                let ledger = try await ledgers.open(configuration)
                _ = try await ledger.append(
                    F.batch(
                        "b1",
                        [
                            F.credit("p1", "ICT-01", hours: 36, on: 3),
                            F.credit("p1", "ICT-01", hours: 36, key: "north/ICT-01/p1"),
                            F.credit("p1", "ICT-02", hours: 6), F.credit("p2", "SEM-01", hours: 8, on: 40, form: .seminar),
                        ],
                        persons: [F.person("p1"), F.person("p2", category: .methodist)]))
                let earliest = try await ledger.entries(person: "p1").first { $0.idempotencyKey == "north/ICT-01/p1" }!
                _ = try await ledger.append(F.batch("b2", [F.reversal(of: earliest.id, "p1", "ICT-01", hours: 36)]))
                // The ledger as the first schema left it.
                for sql in [
                    "DROP TRIGGER entries_keep_standing ON entries", "DROP FUNCTION entries_keep_standing()",
                    "DROP TABLE standing_credits, standing_modules, person_totals, standing_months, ledger_settings",
                    "DELETE FROM schema_migrations WHERE version = 5",
                ] {
                    try await PostgresLedger.execute(sql, configuration: configuration)
                }
                let reopened = try await ledgers.open(configuration)
                #expect(try await reopened.standingTotals().count == 2)
                try await LedgerConformance.expectStandingMatchesEntries(reopened)
                _ = try await reopened.append(F.batch("b3", [F.credit("p2", "ICT-01", hours: 36, on: 1)]))
                try await LedgerConformance.expectStandingMatchesEntries(reopened)
                #expect(
                    try await reopened.standingTotals() == [
                        PersonTotal(person: "p1", modules: 2, hours: 42), PersonTotal(person: "p2", modules: 2, hours: 44),
                    ])
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
