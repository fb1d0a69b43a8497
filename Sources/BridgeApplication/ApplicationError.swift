import CreditCore

/// Why a use case refused or failed: a stable kind, one sentence naming what and where, and the
/// exit status a front end maps it to. Nothing was written when a use case throws it.
public struct ApplicationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, stable for scripts and tests.
    public enum Kind: String, Hashable, Sendable {
        /// A value that is not what it must be (a date, a SNILS, a number).
        case invalidValue = "invalid-value"
        /// A day after today where only a past or present day may be written.
        case futureDate = "future-date"
        /// A module, program, person or entry the mapping files or the ledger do not know.
        case unknown
        /// A file that cannot be read, or whose header lacks a column.
        case unreadableFile = "unreadable-file"
        /// Rows of a file that are bad; ``ApplicationError/problems`` lists each with its row.
        case invalidRows = "invalid-rows"
        /// A route that would overlap another route of the person in the program.
        case overlappingRoute = "overlapping-route"
        /// A credit already reversed, or an entry that is itself a reversal.
        case notReversible = "not-reversible"
        /// A document already cancelled, a cancellation, or a document of another kind than asked.
        case notCancellable = "not-cancellable"
        /// A Moodle site that cannot be synced (no token, invalid token, missing functions, …).
        case siteUnusable = "site-unusable"
        /// A staff account that may not do what was asked (its role, or it is disabled).
        case forbidden
        /// A staff login that is taken, or not a login.
        case invalidStaff = "invalid-staff"
        /// A merge of a person into itself or into a chain, or an unmerge of a person not merged.
        case notMergeable = "not-mergeable"
    }

    public var kind: Kind
    /// One sentence: what is wrong, and where.
    public var message: String
    /// For ``Kind/invalidRows``: every problem, each naming its row and column.
    public var problems: [String]
    public var exitStatus: ExitStatus

    public init(_ kind: Kind, _ message: String, problems: [String] = [], exitStatus: ExitStatus = .badInput) {
        self.kind = kind
        self.message = message
        self.problems = problems
        self.exitStatus = exitStatus
    }

    public var description: String { message }
}
