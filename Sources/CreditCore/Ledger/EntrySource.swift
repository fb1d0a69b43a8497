/// Where a ledger entry came from.
public enum EntrySource: Hashable, Sendable, Codable {
    /// A course completion pulled from a Moodle site.
    case moodle(site: SiteID, courseID: Int, userID: Int)
    /// Entered by an operator, on the strength of a document (an order, a credit sheet number).
    case manual(operator: String, document: String)
    /// A row of an imported credit-sheet file (1-based, the header being row 1).
    case sheet(file: String, row: Int)
}
