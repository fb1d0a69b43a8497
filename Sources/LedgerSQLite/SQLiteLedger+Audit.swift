import CreditCore
import Foundation
import GRDB

/// What `verify` checks beyond the hash chain and the standing tables (``LedgerAudit``), read in
/// the same snapshot as the entries.
extension SQLiteLedger {
    /// The documents against the entries they name and the number series against the numbers issued.
    ///
    /// - Parameter entries: The entries the documents name, by id.
    static func recordsProblem(_ db: Database, entries: [EntryID: LedgerEntry]) throws -> LedgerVerification.Problem? {
        let documents = try documents(db)
        var series: [LedgerAudit.SeriesKey: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT kind, year, last FROM document_series_counters") {
            series[LedgerAudit.SeriesKey(kind: row["kind"], year: row["year"])] = row["last"]
        }
        var years: [Int: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT year, last FROM document_counters") {
            years[row["year"]] = row["last"]
        }
        return LedgerAudit.documentProblem(documents, entries: entries)
            ?? LedgerAudit.counterProblem(documents, counters: LedgerAudit.Counters(series: series, years: years))
    }
}
