#if PostgreSQL
    import CreditCore
    import Foundation
    import LedgerConformance
    import LedgerPostgres
    import Testing

    /// The PostgreSQL ledger's checkpoint file, which catches an end cut off with its head rewritten
    /// to match, and the roles that keep the bridge from lifting its own guards.
    @Suite("PostgreSQL checkpoint and roles", .enabled(if: PostgresTestServer.isEnabled, PostgresTestServer.skipReason))
    struct PostgresCheckpointAndRolesTests {
        typealias F = LedgerFixtures

        /// The role the bridge connects as in the roles test: it owns nothing (`.ci/postgres.sh`
        /// creates it; the README shows the SQL).
        static let appRole = (user: "bridge_app", password: "bridge_app")

        @Test(
            "entries cut off the end, the head and the standing tables rewritten to match: verify names the checkpoint")
        func cutOffEnd() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pg-checkpoint-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("ledger.checkpoint").path
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                var withCheckpoint = configuration
                withCheckpoint.checkpoint = file
                let ledger = try await ledgers.open(withCheckpoint)
                _ = try await ledger.append(
                    F.batch("b1", [F.credit("p1", "ICT-01"), F.credit("p1", "ICT-02"), F.credit("p1", "ICT-03")]))
                _ = try await ledger.append(F.batch("b2", [F.credit("p2", "ICT-01"), F.credit("p2", "ICT-02")]))
                #expect(try await ledger.verify().isIntact)
                #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("entries 5\n"))

                // The attacker holds the database: removes E4 and E5 with everything derived from
                // them, and makes the head say 3 entries ending at E3.
                for sql in [
                    "ALTER TABLE entries DISABLE TRIGGER USER", "DELETE FROM entries WHERE id IN ('E4', 'E5')",
                    "DELETE FROM standing_credits WHERE person_id = 'p2'",
                    "DELETE FROM standing_modules WHERE person_id = 'p2'",
                    "DELETE FROM person_totals WHERE person_id = 'p2'",
                    "DELETE FROM standing_months WHERE person_id = 'p2'",
                    "UPDATE ledger_head SET count = 3, hash = (SELECT hash FROM entries WHERE id = 'E3')",
                ] {
                    try await PostgresLedger.execute(sql, configuration: configuration)
                }
                let verification = try await ledgers.open(withCheckpoint).verify()
                #expect(verification.problem == .checkpointDiffers(file: file, entries: 5, found: 3))
                #expect(verification.problem?.description.contains("records 5 entries but the ledger holds 3") == true)

                // Without the checkpoint the chain alone is satisfied: that is what the checkpoint is for.
                #expect(try await ledgers.open(configuration).verify().isIntact)
            }
        }

        @Test("the checkpoint is named in the address: postgres://…?checkpoint=/path")
        func checkpointInTheAddress() throws {
            let configuration = try PostgresLedger.Configuration(
                url:
                    "postgres://bridge:secret@db.local/ledger?schema=ripk&checkpoint=/var/lib/moodle-bridge/ripk.checkpoint"
            )
            #expect(configuration.checkpoint == "/var/lib/moodle-bridge/ripk.checkpoint")
            #expect(!configuration.description.contains("secret"))
        }

        @Test("a role that owns no table cannot disable the guards, and still appends, issues and judges routes")
        func nonOwnerRole() async throws {
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                // The owner (the test role) creates the tables; the bridge's role is granted rows only.
                _ = try await ledgers.open(configuration)
                let schema = try #require(configuration.schema)
                for sql in [
                    "GRANT USAGE ON SCHEMA \(schema) TO \(Self.appRole.user)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(schema) TO \(Self.appRole.user)",
                    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(schema) TO \(Self.appRole.user)",
                ] {
                    try await PostgresLedger.execute(sql, configuration: configuration)
                }
                var app = configuration
                app.user = Self.appRole.user
                app.password = Self.appRole.password
                let ledger = try await ledgers.open(app)

                _ = try await ledger.append(
                    F.batch(
                        "b1",
                        [
                            F.credit("p1", "ICT-01", hours: 36, on: -10),
                            F.credit("p1", "ICT-05", hours: 36, on: 20, form: .inPerson),
                        ],
                        persons: [F.person("p1")]))
                let route = Route(id: "r1", person: "p1", program: "PK-72", start: F.day(-30), deadline: F.day(150))
                try await ledger.openRoutes([route])
                try await ledger.recordVerdicts([
                    RouteVerdict(route: "r1", status: .completed, hoursCredited: 72, completedAt: F.day(20))
                ])
                #expect(try await ledger.issueDocuments([F.certificate("r1")]).count == 1)
                let ran = try await ledger.withSyncLock(site: "ripk", wait: false) { true }
                #expect(ran == true)
                #expect(try await ledger.verify().isIntact)

                for table in ["entries", "documents", "document_modules", "person_events"] {
                    let refusal = await #expect(throws: (any Error).self) {
                        try await PostgresLedger.execute(
                            "ALTER TABLE \(table) DISABLE TRIGGER USER", configuration: app)
                    }
                    #expect(
                        String(describing: refusal).contains("must be owner"),
                        "disabling the triggers of \(table): \(String(describing: refusal))")
                }
                let update = await #expect(throws: (any Error).self) {
                    try await PostgresLedger.execute(
                        "UPDATE entries SET hours = 72 WHERE id = 'E1'", configuration: app)
                }
                #expect(String(describing: update).contains("append-only"))
                let truncate = await #expect(throws: (any Error).self) {
                    try await PostgresLedger.execute("TRUNCATE entries CASCADE", configuration: app)
                }
                #expect(truncate != nil)
                #expect(try await ledger.verify().isIntact)
            }
        }
    }
#endif
