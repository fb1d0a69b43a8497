import BridgeSync
import Foundation

/// One line of progress on a terminal, rewritten in place; silent when output is not a terminal
/// (a scheduler's log gets the summary only).
final class ProgressDisplay: @unchecked Sendable {
    // Guarded by `lock`: progress arrives from the sync's tasks.
    private let lock = NSLock()
    private let isEnabled: Bool
    private var lastLength = 0
    private let started = Date()

    init(enabled: Bool) {
        isEnabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func show(_ progress: SyncProgress) {
        guard isEnabled else { return }
        let text: String
        switch progress {
        case .site(let site, let step): text = "\(site): \(step)"
        case .written(let site, let credits): text = "\(site): \(credits) new credit(s) written"
        }
        let line = "[\(Int(Date().timeIntervalSince(started)))s] \(text)"
        lock.withLock {
            let padding = String(repeating: " ", count: max(0, lastLength - line.count))
            FileHandle.standardError.write(Data("\r\(line)\(padding)".utf8))
            lastLength = line.count
        }
    }

    func finish() {
        guard isEnabled else { return }
        lock.withLock {
            FileHandle.standardError.write(Data("\r\(String(repeating: " ", count: lastLength))\r".utf8))
        }
    }
}
