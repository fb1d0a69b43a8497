#if PostgreSQL
    import Foundation
    import Glibc
    import LedgerPostgres
    import Testing

    /// The PostgreSQL server the tests use: the one `MOODLEBRIDGE_POSTGRES_URL` names, else the local
    /// server `bash .ci/setup --tests` prepares (role and database `bridge` / `moodlebridge_test` on
    /// 127.0.0.1:5432) when it answers.
    ///
    /// With neither the server-backed suites are skipped, except under `CI=true`, where they run and
    /// fail: CI must never pass without having tested the PostgreSQL ledger.
    enum PostgresTestServer {
        static let variable = "MOODLEBRIDGE_POSTGRES_URL"
        static let localURL = "postgres://bridge:bridge@127.0.0.1:5432/moodlebridge_test"
        static let url =
            ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
            ?? (localServerAnswers() ? localURL : nil)
        static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

        /// Whether the server-backed suites run.
        static let isEnabled = url != nil || inCI
        static let skipReason: Comment =
            "\(variable) is not set and no PostgreSQL answers on 127.0.0.1:5432, so the PostgreSQL ledger is not tested: run `bash .ci/setup --tests` first"

        /// Whether something accepts connections on 127.0.0.1:5432.
        static func localServerAnswers() -> Bool {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { return false }
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(5432).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
        }

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
