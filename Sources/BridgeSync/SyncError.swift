import CreditCore

/// Why a site could not be synced. The message says what to do; it never holds a token.
public enum SyncError: Error, CustomStringConvertible, Sendable {
    case missingFunctions(site: SiteID, functions: [String])
    case reportColumnsMissing(site: SiteID, missing: [String], found: [String])

    public var description: String {
        switch self {
        case .missingFunctions(let site, let functions):
            "site \(site): the web service does not allow \(functions.joined(separator: ", ")); add them in Site administration → Server → Web services → External services → (the bridge's service) → Functions"
        case .reportColumnsMissing(let site, let missing, let found):
            "site \(site): the completion report lacks the column(s) \(missing.joined(separator: ", ")) (it has: \(found.joined(separator: ", "))); add them to the custom report as the README describes"
        }
    }
}
