import ArgumentParser
import BridgeApplication
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on a file next to the ledger, so that two syncs never run against one ledger at
/// once. The operating system releases it when the process ends, even after `kill -9`.
final class SyncLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock, waiting for it when `wait` is set, else failing at once.
    init(path: String, wait: Bool) throws {
        self.path = path
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else { throw CLIError("cannot create the lock file \(path)") }
        if flock(descriptor, wait ? LOCK_EX : (LOCK_EX | LOCK_NB)) != 0 {
            close(descriptor)
            throw CLIError(
                "another sync is running on this ledger (lock \(path)); wait for it, or run with --wait",
                exitCode: ExitCode(.busy))
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock file for a ledger location: beside an SQLite file, in the temporary folder for a
    /// PostgreSQL address (named after the server and database, never the password).
    static func path(forLedger location: String) -> String {
        if location.contains("://") {
            let name = LedgerLocation.redacted(location).map { $0.isLetter || $0.isNumber ? $0 : "_" }
            return NSTemporaryDirectory() + "moodle-bridge-\(String(name).suffix(80)).sync-lock"
        }
        // Through the resolved path, so that a symbolic link to the ledger takes the same lock.
        return OutputGuard.resolved(location) + ".sync-lock"
    }
}
