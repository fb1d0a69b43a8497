#if PostgreSQL
    import PostgresNIO

    /// What went wrong talking to PostgreSQL, in words an operator can act on.
    ///
    /// postgres-nio hides a server error's text behind a generic description (so that query
    /// parameters never reach a log by accident); the ledger keeps the server's message, its
    /// SQLSTATE and detail, which name no secret, and never the connection's password.
    public struct PostgresLedgerError: Error, Sendable, CustomStringConvertible {
        /// What happened.
        public var message: String
        /// The server's SQLSTATE, when the server refused a statement (e.g. `P0001` for a trigger's
        /// `RAISE`, `23505` for a duplicate key).
        public var sqlState: String?

        /// An error saying `message`, with the server's SQLSTATE when there is one.
        public init(_ message: String, sqlState: String? = nil) {
            self.message = message
            self.sqlState = sqlState
        }

        public var description: String {
            sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message
        }

        /// `error` as the ledger reports it; `place` names the server (without the password).
        static func from(_ error: any Error, place: String) -> any Error {
            switch error {
            case let error as PostgresLedgerError:
                return error
            case let error as PostgresTransactionError:
                // The first thing that failed is the one to tell.
                let cause = error.beginError ?? error.closureError ?? error.commitError
                return cause.map { from($0, place: place) } ?? PostgresLedgerError("transaction failed on \(place)")
            case let error as PSQLError:
                if let info = error.serverInfo, let text = info[.message] {
                    var message = "PostgreSQL refused: \(text)"
                    if let detail = info[.detail] { message += " — \(detail)" }
                    return PostgresLedgerError(message, sqlState: info[.sqlState])
                }
                var message = "PostgreSQL at \(place): \(error.code)"
                if let underlying = error.underlying { message += ": \(underlying)" }
                return PostgresLedgerError(message)
            case _ where String(reflecting: type(of: error)).contains("ConnectionPoolError"):
                // The pool's own errors (its module is not public) say only that it gave up.
                return PostgresLedgerError("PostgreSQL at \(place): no connection could be made (\(error))")
            default:
                return error
            }
        }
    }
#endif
