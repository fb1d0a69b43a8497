#if PostgreSQL
    import CreditCore
    import Foundation
    import PostgresNIO

    /// What `verify` checks beyond the hash chain and the standing tables (``LedgerAudit``), read in
    /// the same snapshot as the entries.
    extension PostgresLedger {
        /// The documents against the entries they name, the number series against the numbers
        /// issued.
        ///
        /// - Parameter entries: The entries the documents name, by id.
        static func recordsProblem(
            on connection: some PostgresQueryRunner, documents: [IssuedDocument], entries: [EntryID: LedgerEntry],
            logger: Logger
        ) async throws -> LedgerVerification.Problem? {
            var series: [LedgerAudit.SeriesKey: Int] = [:]
            for try await (kind, year, last) in try await connection.run(
                "SELECT kind, year, last FROM document_series_counters", logger: logger
            ).decode((String, Int, Int).self) {
                series[LedgerAudit.SeriesKey(kind: kind, year: year)] = last
            }
            var years: [Int: Int] = [:]
            for try await (year, last) in try await connection.run(
                "SELECT year, last FROM document_counters", logger: logger
            ).decode((Int, Int).self) {
                years[year] = last
            }
            return LedgerAudit.documentProblem(documents, entries: entries)
                ?? LedgerAudit.counterProblem(documents, counters: LedgerAudit.Counters(series: series, years: years))
        }
    }
#endif
