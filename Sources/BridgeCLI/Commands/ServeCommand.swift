import ArgumentParser
import BridgeApplication
import BridgeSync
import Foundation

/// `moodle-bridge serve --every 6h`: syncs on a schedule until stopped.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the sync on a schedule (e.g. every 6 hours) until stopped with Ctrl-C or SIGTERM.",
        discussion: """
            A stop signal lets a running sync finish its current transaction and exits; the ledger is \
            never left half-written (each chunk is one transaction). A cron line or a systemd timer \
            running `moodle-bridge sync` does the same job; see the README.
            """)

    @OptionGroup var options: LedgerOptions
    @Option(help: "How often: a number with s, m, h or d (e.g. 30m, 6h, 1d).") var every: String
    @Flag(help: "Run the first sync at once instead of after the first interval.") var now = false

    func run() async throws {
        guard let interval = Self.seconds(every), interval >= 60 else {
            throw CLIError("--every takes a duration of at least a minute, such as 30m, 6h or 1d")
        }
        let configuration = try options.loadConfiguration()
        LedgerAnnouncement.shared.announce(options.location)
        let stop = StopSignal()
        var first = now
        while !stop.isRequested {
            if !first {
                let wake = Date().addingTimeInterval(interval)
                while Date() < wake, !stop.isRequested { try? await Task.sleep(for: .seconds(1)) }
                if stop.isRequested { break }
            }
            first = false
            do {
                // Waits for a site another process is syncing (on a shared PostgreSQL ledger, another
                // machine), then syncs what that run left.
                let options = self.options
                _ = try await SyncCommand.sync(
                    configuration: configuration, ledger: { try await options.openLedger(.create) }, full: false,
                    dryRun: false,
                    wait: true, format: .text, connector: SiteConnector(), location: options.location)
            } catch {
                Printer.error(
                    "moodle-bridge serve: this run failed: \("\(error)".redactingLedgerAddresses); the next one is in \(every)"
                )
            }
        }
        print("Stopped.")
    }

    static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let value = Double(text.dropLast()) else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86_400
        default: return nil
        }
    }
}

/// Remembers a SIGINT or SIGTERM, so a running sync can finish before the process exits.
final class StopSignal: @unchecked Sendable {
    // Written by the signal sources on their own queue, read by the loop: guarded by `lock`.
    private let lock = NSLock()
    private var requested = false
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.withLock { self?.requested = true }
                Printer.error("moodle-bridge serve: stopping after the current run…")
            }
            source.resume()
            sources.append(source)
        }
    }

    var isRequested: Bool { lock.withLock { requested } }
}
