import CreditCore

/// Opens a PostgreSQL ledger when this build has the PostgreSQL trait.
enum PostgresLedgerOpener {
    static func open(url: String) async throws -> any LedgerStore {
        throw CLIError(
            "this moodle-bridge was built without PostgreSQL support; build it with `swift build --traits PostgreSQL`")
    }
}
