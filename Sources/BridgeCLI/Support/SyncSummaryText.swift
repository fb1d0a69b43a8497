import BridgeSync
import Foundation

/// The end-of-run summary, for people.
struct SyncSummaryText {
    let summary: SyncRunner.Summary

    init(_ summary: SyncRunner.Summary) { self.summary = summary }

    var text: String {
        var lines: [String] = []
        for site in summary.sites {
            lines.append(
                "\(site.site): \(site.isFull ? "full" : "incremental") sync by the \(site.path == .reportBuilder ? "report-builder" : "classic") path"
                    + (site.moodleRelease.map { " (Moodle \($0))" } ?? ""))
            lines.append(
                "  \(site.newCredits) new credit(s), \(site.alreadyCredited) already credited, \(site.completionsSeen) completion(s) read, \(site.newPersons) new person(s)"
            )
            lines.append(
                "  "
                    + (site.coursesRead
                        ? "\(site.coursesMapped) mapped course(s), \(site.count(.unmappedCourse)) unmapped"
                        : "nothing new in the report, so the course list was not read")
                    + "; \(site.count(.unmatchedUser)) unmatched and \(site.count(.ambiguousMatch)) ambiguous user(s), \(site.count(.invalidKey)) invalid key(s)"
            )
            lines.append(
                "  revocations: \(site.count(.revocationFlagged)) flagged, \(site.reversals) reversed; \(site.count(.noLongerVerifiable)) credit(s) no longer verifiable"
            )
            for finding in site.findings where finding.kind == .documentReliesOnReversedCredit {
                lines.append("  \(finding.detail.en): the document stays as issued; cancel it if it no longer holds")
            }
            if let recorded = site.findingsRecorded {
                lines.append(
                    "  findings: \(recorded.new) new\(recorded.reopened > 0 ? ", \(recorded.reopened) open again" : ""), \(recorded.seenAgain) seen before, \(recorded.resolved) resolved by this run"
                )
            }
            lines.append("  \(site.requests) request(s) in \(String(format: "%.1f", site.seconds)) s")
        }
        for site in summary.waited {
            lines.append("\(site): waited for another sync of this site (another process or machine) to finish first")
        }
        for site in summary.busy {
            lines.append("\(site): SKIPPED — another sync (another process or machine) is syncing it")
        }
        for failure in summary.failures {
            lines.append("\(failure.site): FAILED — \(failure.message)")
            if failure.creditsWritten + failure.reversalsWritten > 0 {
                lines.append(
                    "  before failing it wrote \(failure.creditsWritten) new credit(s) and \(failure.reversalsWritten) reversal(s), each page whole; they stay, and a re-run goes on from them"
                )
            }
        }
        if let routes = summary.routes {
            lines.append(
                "Routes: \(routes.opened) opened\(routes.withdrawn > 0 ? ", \(routes.withdrawn) withdrawn (moved by earlier credits or reversals)" : ""); \(routes.completed) completed (certificate due), \(routes.expired) expired (statement due), \(routes.open) open"
            )
        }
        lines.append(
            "\(summary.isDryRun ? "Dry run: would write" : "Wrote") \(summary.creditsWritten) new credit(s); \(summary.findings.count) finding(s) for the reconciliation report\(summary.newFindings.map { ", \($0) of them new (moodle-bridge findings)" } ?? ""); \(summary.requests) request(s) in \(String(format: "%.1f", summary.seconds)) s."
        )
        return lines.joined(separator: "\n") + "\n"
    }
}
