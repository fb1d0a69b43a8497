#if PostgreSQL
    import Foundation
    import LedgerPostgres
    import Testing

    /// The PostgreSQL server the tests use, named by `MOODLEBRIDGE_POSTGRES_URL`.
    ///
    /// Without the variable the server-backed suites are skipped, except under `CI=true`, where they
    /// run and fail: CI must never pass without having tested the PostgreSQL ledger.
    enum PostgresTestServer {
        static let variable = "MOODLEBRIDGE_POSTGRES_URL"
        static let url = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

        /// Whether the server-backed suites run.
        static let isEnabled = url != nil || inCI
        static let skipReason: Comment =
            "\(variable) is not set, so the PostgreSQL ledger is not tested: run `source .ci/postgres.sh` first"

        /// The server, or the failure CI reports when there is none.
        static func configuration() throws -> PostgresLedger.Configuration {
            guard let url else {
                throw MissingServer(
                    description:
                        "\(variable) is not set under CI=true: CI must test the PostgreSQL ledger against a server (.ci/postgres.sh starts one)"
                )
            }
            return try PostgresLedger.Configuration(url: url)
        }

        struct MissingServer: Error, CustomStringConvertible {
            var description: String
        }

        /// Runs `body` in a fresh schema of its own, which is dropped afterwards with every ledger
        /// `body` opened through the given opener closed first.
        static func withFreshSchema(
            _ body: (_ configuration: PostgresLedger.Configuration, _ ledgers: OpenedLedgers) async throws -> Void
        ) async throws {
            let server = try configuration()
            let schema =
                "t_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))
            try await PostgresLedger.execute("CREATE SCHEMA \(schema)", configuration: server)
            let ledgers = OpenedLedgers()
            do {
                try await body(server.inSchema(schema), ledgers)
            } catch {
                await ledgers.closeAll()
                try? await PostgresLedger.execute("DROP SCHEMA \(schema) CASCADE", configuration: server)
                throw error
            }
            await ledgers.closeAll()
            try await PostgresLedger.execute("DROP SCHEMA \(schema) CASCADE", configuration: server)
        }
    }

    /// Ledgers a test opened, closed together at its end so that no connection outlives the test.
    actor OpenedLedgers {
        private var ledgers: [PostgresLedger] = []

        func open(_ configuration: PostgresLedger.Configuration) async throws -> PostgresLedger {
            let ledger = try await PostgresLedger(configuration: configuration)
            ledgers.append(ledger)
            return ledger
        }

        func closeAll() async {
            for ledger in ledgers { await ledger.close() }
            ledgers = []
        }
    }
#endif
