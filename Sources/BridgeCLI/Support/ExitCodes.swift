import ArgumentParser

/// The exit statuses a scheduler can act on; the README lists them.
enum ExitCodes {
    /// Bad input: nothing was written.
    static let badInput = ExitCode(1)
    /// The ledger failed verification.
    static let ledgerTampered = ExitCode(2)
    /// A site could not be synced at all (revoked token, missing function, web services off).
    static let siteFailed = ExitCode(3)
    /// A site failed with a transient error (timeouts, 5xx) after retries: try again later.
    static let transientFailure = ExitCode(4)
    /// Another sync holds the ledger.
    static let busy = ExitCode(5)
}
