import CreditCore
import Foundation
import Glibc
import LedgerSQLite

#if PostgreSQL
    import LedgerPostgres
#endif

/// One ledger reached through separate handles, as separate processes reach it: one SQLite file
/// opened anew per handle, or one PostgreSQL schema with a connection pool per handle.
enum SharedLedgerBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    /// SQLite always; PostgreSQL when a server answers (and always under CI=true, where a missing
    /// server fails the test instead of skipping it).
    static var available: [SharedLedgerBackend] {
        #if PostgreSQL
            TestPostgresServer.isEnabled ? [.sqlite, .postgres] : [.sqlite]
        #else
            [.sqlite]
        #endif
    }

    /// Runs `body` with an opener of new handles to one fresh, empty ledger, then removes it.
    func withFreshLedger<T: Sendable>(
        _ body: (_ open: @escaping LedgerHandleOpener) async throws -> T
    ) async throws -> T {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("ledger.sqlite").path
            _ = try SQLiteLedger(path: path)
            return try await body { try SQLiteLedger(path: path) }
        case .postgres:
            #if PostgreSQL
                return try await TestPostgresServer.withFreshSchema(body)
            #else
                fatalError("the PostgreSQL ledger is built with the PostgreSQL trait only")
            #endif
        }
    }
}

/// Opens a new handle to the ledger under test.
typealias LedgerHandleOpener = @Sendable () async throws -> any LedgerStore

#if PostgreSQL
    /// The PostgreSQL server the tests use: `MOODLEBRIDGE_POSTGRES_URL`, else the local server
    /// `bash .ci/setup --tests` prepares, when it answers (as in Tests/LedgerPostgresTests).
    enum TestPostgresServer {
        static let localURL = "postgres://bridge:bridge@127.0.0.1:5432/moodlebridge_test"
        static let url =
            ProcessInfo.processInfo.environment["MOODLEBRIDGE_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (localServerAnswers() ? localURL : nil)
        static let isEnabled = url != nil || ProcessInfo.processInfo.environment["CI"] == "true"

        struct MissingServer: Error, CustomStringConvertible {
            var description: String {
                "MOODLEBRIDGE_POSTGRES_URL is not set under CI=true: CI must test the PostgreSQL ledger against a server"
            }
        }

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

        /// Runs `body` in a fresh schema, dropped afterwards with every handle closed first.
        static func withFreshSchema<T: Sendable>(
            _ body: (_ open: @escaping LedgerHandleOpener) async throws -> T
        ) async throws -> T {
            guard let url else { throw MissingServer() }
            let server = try PostgresLedger.Configuration(url: url)
            let schema =
                "t_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))
            try await PostgresLedger.execute("CREATE SCHEMA \(schema)", configuration: server)
            let configuration = server.inSchema(schema)
            let handles = Handles()
            _ = try await handles.open(configuration)
            let result: T
            do {
                result = try await body { try await handles.open(configuration) }
            } catch {
                await handles.closeAll()
                try? await PostgresLedger.execute("DROP SCHEMA \(schema) CASCADE", configuration: server)
                throw error
            }
            await handles.closeAll()
            try await PostgresLedger.execute("DROP SCHEMA \(schema) CASCADE", configuration: server)
            return result
        }

        /// The handles a test opened, closed together at its end.
        actor Handles {
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
    }
#endif
