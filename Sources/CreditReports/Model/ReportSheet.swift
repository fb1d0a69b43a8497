import CreditCore

/// A further table of a report, written as its own worksheet in XLSX and as its own object in JSON
/// (for example the certificates that lack a value the federal registry requires).
public struct ReportSheet: Hashable, Sendable {
    /// A stable key (for JSON and for the file name of a separate CSV).
    public var key: String
    /// The worksheet's name (at most 31 characters).
    public var name: LocalizedText
    public var columns: [ReportColumn]
    public var rows: [[ReportCell]]

    public init(key: String, name: LocalizedText, columns: [ReportColumn], rows: [[ReportCell]]) {
        self.key = key
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}
