#if PostgreSQL
    import CreditCore
    import LedgerConformance
    import LedgerPostgres
    import Testing

    /// The ledger guarantees, on PostgreSQL: a fresh schema per case, with a new ledger (its own
    /// connection pool) for each connection the case asks for, as separate processes would.
    @Suite("Ledger conformance: PostgreSQL", .enabled(if: PostgresTestServer.isEnabled, PostgresTestServer.skipReason))
    struct PostgresConformanceTests {
        @Test(arguments: LedgerConformance.allCases)
        func conformance(_ check: LedgerConformance) async throws {
            try await PostgresTestServer.withFreshSchema { configuration, ledgers in
                _ = try await ledgers.open(configuration)
                let backend = LedgerBackend(
                    open: { try await ledgers.open(configuration) },
                    execute: { sql in try await PostgresLedger.execute(sql, configuration: configuration) },
                    liftEntryGuards: ["ALTER TABLE entries DISABLE TRIGGER USER"],
                    liftMergeGuards: ["ALTER TABLE person_merges DISABLE TRIGGER USER"],
                    liftDocumentGuards: [
                        "ALTER TABLE documents DISABLE TRIGGER USER",
                        "ALTER TABLE document_modules DISABLE TRIGGER USER",
                    ])
                try await check.run(on: backend)
            }
        }
    }
#endif
