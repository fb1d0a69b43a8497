/// The exit statuses a scheduler can act on — the one list every front end maps its errors to; the
/// README lists them.
public enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
    case success = 0
    /// Bad input: nothing was written (or there is no ledger where one must exist).
    case badInput = 1
    /// The ledger failed verification (or `ledger verify` found none).
    case ledgerFailed = 2
    /// A site could not be synced at all (revoked token, missing function, web services off).
    case siteFailed = 3
    /// A site failed with a transient error (timeouts, 5xx) after retries: try again later.
    case transientFailure = 4
    /// Another sync (another process, or with PostgreSQL another machine) was syncing a site.
    case busy = 5
    /// `status`: a site's last successful sync is older than twice its schedule, or there is none.
    case stale = 6
    /// The command line itself is wrong (an unknown option, a missing argument).
    case usage = 64
}
