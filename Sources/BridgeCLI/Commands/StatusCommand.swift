import ArgumentParser
import BridgeApplication
import Foundation

/// `moodle-bridge status`: the last sync run of every site, for cron and monitoring.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last sync run of every site; exit 6 when a site's last success is too old.",
        discussion: """
            Every sync records, per site, its start, end, outcome, requests and new credits in the \
            ledger (both backends; with a shared PostgreSQL ledger, the runs of every machine). A run \
            with no end was killed or is still running; the next run finishes its work.

            Exit status: 0 every site succeeded within twice the schedule (--every, default 1d); 6 a \
            site's last success is older than that, or it never succeeded; 1 no ledger.
            """)

    @OptionGroup var options: LedgerOptions
    @Option(help: "How often the sites are synced: a number with s, m, h or d (e.g. 6h, 1d).") var every = "1d"
    @Option(help: "Also list each site's latest N runs.") var history = 0
    @Option(help: "Print the status as text or JSON.") var format: OutputFormat = .text

    func run() async throws {
        guard let schedule = ServeCommand.seconds(every), schedule > 0 else {
            throw CLIError("--every takes a duration such as 30m, 6h or 1d")
        }
        let result = try await SyncStatus(mapping: try options.loadMapping(), ledger: options.opener(.existing))
            .run(schedule: schedule, history: max(0, history))
        switch format {
        case .json: try Printer.json(result, ledger: options.location)
        case .text:
            let formatter = ISO8601DateFormatter()
            func when(_ date: Date?) -> String { date.map { formatter.string(from: $0) } ?? "—" }
            for site in result.sites {
                guard let last = site.lastRun else {
                    print("\(site.site): never synced into this ledger — STALE")
                    continue
                }
                let state =
                    site.running
                    ? "running since \(when(last.startedAt)) on \(last.host) (or killed: no end recorded)"
                    : "\(last.outcome.rawValue) \(when(last.endedAt)) on \(last.host): \(last.requests) request(s), \(last.newCredits) new credit(s)"
                let success = site.lastSuccess.map { "last success \(when($0.endedAt))" } ?? "never succeeded"
                print("\(site.site): \(state); \(success)\(site.stale ? " — STALE (older than twice \(every))" : "")")
                if let message = last.message, last.outcome == .failed { print("  \(message)") }
                for run in site.history {
                    print(
                        "  \(run.runID) on \(run.host): \(when(run.startedAt)) → \(when(run.endedAt)) \(run.outcome.rawValue), \(run.requests) request(s), \(run.newCredits) new credit(s)"
                    )
                }
            }
        }
        if result.isStale { throw ExitCode(.stale) }
    }
}
