import CreditCore

#if PostgreSQL
    import LedgerPostgres
#endif

/// Opens a PostgreSQL ledger when this build has the PostgreSQL trait.
enum PostgresLedgerOpener {
    static func open(url: String) async throws -> any LedgerStore {
        #if PostgreSQL
            do {
                return try await PostgresLedger(url: url, schema: nil, logger: nil)
            } catch {
                throw CLIError(
                    "cannot open the PostgreSQL ledger \(LedgerLocation(url)): \(error)".redactingLedgerAddresses)
            }
        #else
            throw CLIError(
                "this moodle-bridge was built without PostgreSQL support; build it with `swift build --traits PostgreSQL`"
            )
        #endif
    }
}
