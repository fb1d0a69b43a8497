import Foundation

/// Where a ledger is, as given (`--ledger`, `$MOODLE_BRIDGE_LEDGER` or the default file), and how it
/// may be shown: a PostgreSQL address never shows its user and password.
struct LedgerLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path or address as given; it may hold a password, so it is never printed.
    let raw: String

    init(_ raw: String) { self.raw = raw }

    var isPostgres: Bool { raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") }

    /// The backend's name, for people.
    var backend: String { isPostgres ? "PostgreSQL" : "SQLite" }

    /// The location safe to print: `postgres://***@host:port/db`, a password in the query hidden too.
    var description: String { isPostgres ? Self.redacted(raw) : raw }

    /// `text` (an error message) with the user information of every PostgreSQL address in it
    /// replaced by `***`.
    static func redactingAddresses(in text: String) -> String {
        text.replacing(/(postgres(?:ql)?:\/\/)[^@\s\/]+@/) { "\($0.output.1)***@" }
    }

    /// `url` with its user information replaced by `***` and the values of `password`-like query
    /// items hidden; worked out on the text, so that even an address URL parsing rejects is hidden.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") {
            authority = "***" + String(authority[at...])
        }
        var tail = String(rest[authorityEnd...])
        if let query = tail.firstIndex(of: "?") {
            let items = tail[tail.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false)
                .map { item -> String in
                    let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                    return name.lowercased().contains("password") ? "\(name)=***" : String(item)
                }
            tail = String(tail[..<query]) + "?" + items.joined(separator: "&")
        }
        return String(url[..<schemeEnd.upperBound]) + authority + tail
    }
}

/// The line that names the ledger a command uses — `Ledger: demo-output/ledger.sqlite (SQLite)` —
/// written once per run to standard error, and only when standard error is a terminal, so that
/// pipes, logs and recorded outputs stay as they are.
final class LedgerAnnouncement: @unchecked Sendable {
    static let shared = LedgerAnnouncement()

    // Guarded by `lock`.
    private let lock = NSLock()
    private var done = false

    /// Names `location` on a terminal, unless a ledger was already named in this run.
    func announce(_ location: LedgerLocation, note: String? = nil) {
        let first = lock.withLock {
            defer { done = true }
            return !done
        }
        guard first, isatty(STDERR_FILENO) == 1 else { return }
        Printer.error("Ledger: \(location) (\(location.backend)\(note.map { "; \($0)" } ?? ""))")
    }

    /// Keeps later commands of this run from naming the ledger again (the demo names it itself).
    func markDone() {
        lock.withLock { done = true }
    }
}

extension String {
    /// This text with the user and password of every PostgreSQL address hidden.
    var redactingLedgerAddresses: String { LedgerLocation.redactingAddresses(in: self) }
}
