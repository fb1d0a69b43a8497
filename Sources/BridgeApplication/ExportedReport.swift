import BridgeSync
import CreditReports

/// A report ``ExportReport`` made: the finished table, ready for a writer, and the sites it could
/// not read.
public struct ExportedReport: Sendable {
    /// The table with its heading (institution, criteria, day made) and warnings.
    public var table: ReportTable
    /// The sites the reconciliation could not read: the table is complete for every other site,
    /// and its heading says which are missing.
    public var failures: [SyncRunner.Summary.Failure]

    /// Each certificate lacking a value the federal registry requires, one line each (certificates
    /// and frdo reports).
    public var missingData: [String] { table.missingDataLines }

    /// Whether a site could not be read, so the report is incomplete.
    public var isIncomplete: Bool { !failures.isEmpty }
}

/// A persons file the certificates and frdo reports read instead of the ledger's person registry:
/// its name (for messages) and its bytes (CSV, UTF-8 or Windows-1251).
public struct ReportPersonsFile: Sendable {
    public var name: String
    public var contents: [UInt8]

    public init(name: String, contents: [UInt8]) {
        self.name = name
        self.contents = contents
    }
}
