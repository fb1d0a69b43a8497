#if PostgreSQL
    import Foundation

    extension PostgresLedger {
        /// Where the ledger lives: a server, a database and, optionally, a schema of its own.
        ///
        /// The password never appears in ``description`` or in any error the ledger throws.
        public struct Configuration: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
            CustomReflectable
        {
            /// How the connection is encrypted.
            public enum TLSMode: String, Sendable {
                /// Plain TCP, for a server on the same machine or a private network.
                case disable
                /// TLS when the server offers it, plain otherwise (PostgreSQL's own default).
                case prefer
                /// TLS or no connection; the server's certificate is not checked.
                case require
                /// TLS with the server's certificate checked against the system's trust roots and name.
                case verifyFull = "verify-full"
            }

            /// The server's host name or address.
            public var host: String
            /// The server's TCP port (5432 by default).
            public var port: Int
            /// The role the ledger connects as.
            public var user: String
            /// The role's password, if the server asks for one; never shown.
            public var password: String?
            /// The database that holds the ledger.
            public var database: String
            /// The schema the ledger's tables live in (created when missing). `nil` keeps the server's
            /// `search_path`, usually `public`. Lowercase letters, digits and `_` only.
            public var schema: String?
            /// How the connection is encrypted.
            public var tls: TLSMode
            /// The most connections one ledger opens at once.
            public var maximumConnections: Int
            /// A file outside the database where each append made through this configuration writes
            /// the ledger's head, and which `verify` compares, so that entries cut off the end (and the
            /// head rewritten to match) are found (``LedgerCheckpoint``). nil: no checkpoint.
            public var checkpoint: String?

            /// Describes a ledger field by field.
            public init(
                host: String = "127.0.0.1", port: Int = 5432, user: String, password: String? = nil,
                database: String, schema: String? = nil, tls: TLSMode = .prefer, maximumConnections: Int = 8,
                checkpoint: String? = nil
            ) {
                self.host = host
                self.port = port
                self.user = user
                self.password = password
                self.database = database
                self.schema = schema
                self.tls = tls
                self.maximumConnections = maximumConnections
                self.checkpoint = checkpoint
            }

            /// Reads `postgres://user:password@host:port/database`, with optional query items
            /// `schema=…`, `sslmode=disable|prefer|require|verify-full` and `checkpoint=/path/to/file`
            /// (see ``checkpoint``); `schema` here wins over the URL's.
            public init(url text: String, schema: String? = nil) throws(PostgresLedgerError) {
                guard let components = URLComponents(string: text),
                    components.scheme == "postgres" || components.scheme == "postgresql",
                    let host = components.host, !host.isEmpty
                else {
                    // The text may hold a password: it is not repeated.
                    throw PostgresLedgerError(
                        "not a PostgreSQL URL: expected postgres://user:password@host:port/database")
                }
                let items = components.queryItems ?? []
                func item(_ name: String) -> String? { items.first { $0.name == name }?.value }
                let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
                let user = components.percentEncodedUser?.removingPercentEncoding ?? ""
                guard !user.isEmpty, !database.isEmpty else {
                    throw PostgresLedgerError(
                        "a PostgreSQL URL needs a user and a database: postgres://user@host/database")
                }
                var tls = TLSMode.prefer
                if let mode = item("sslmode") {
                    switch mode {
                    case "disable": tls = .disable
                    case "prefer", "allow": tls = .prefer
                    case "require": tls = .require
                    // Checking the name as well as the chain is stricter than verify-ca, never weaker.
                    case "verify-ca", "verify-full": tls = .verifyFull
                    default:
                        throw PostgresLedgerError("unknown sslmode '\(mode)' (disable, prefer, require or verify-full)")
                    }
                }
                self.init(
                    host: host, port: components.port ?? 5432, user: user,
                    password: components.percentEncodedPassword?.removingPercentEncoding, database: database,
                    schema: schema ?? item("schema"), tls: tls,
                    checkpoint: item("checkpoint").flatMap { $0.isEmpty ? nil : $0 })
                try validate()
            }

            /// The same place, in another schema.
            public func inSchema(_ schema: String?) -> Configuration {
                var copy = self
                copy.schema = schema
                return copy
            }

            /// `postgres://user@host:port/database`, schema and TLS mode; never the password.
            public var description: String {
                "postgres://\(user)@\(host):\(port)/\(database)" + (schema.map { " (schema \($0))" } ?? "")
                    + (tls == .prefer ? "" : " sslmode=\(tls.rawValue)")
                    + (checkpoint.map { " checkpoint \($0)" } ?? "")
            }

            public var debugDescription: String { description }

            /// What `dump` and debuggers show: every field but the password's value.
            public var customMirror: Mirror {
                Mirror(
                    self,
                    children: [
                        "host": host, "port": port, "user": user, "password": password == nil ? "none" : "<hidden>",
                        "database": database, "schema": schema as Any, "tls": tls,
                        "maximumConnections": maximumConnections, "checkpoint": checkpoint as Any,
                    ], displayStyle: .struct)
            }

            /// Refuses a schema name that would need quoting: it goes into `search_path` and DDL.
            func validate() throws(PostgresLedgerError) {
                guard let schema else { return }
                let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
                guard !schema.isEmpty, schema.count <= 63, schema.allSatisfy(allowed.contains),
                    !schema.first!.isNumber
                else {
                    throw PostgresLedgerError(
                        "schema '\(schema)' is not a plain name: use lowercase letters, digits and _ (at most 63)")
                }
            }
        }
    }
#endif
