import BridgeSync
import CreditCore
import CreditReports
import Foundation
import Logging

/// The reconciliation report: Moodle against the ledger, by a read-only full sync (it reads every
/// site, re-verifies credited completions and writes nothing), plus the ledger's own hour
/// mismatches against today's mapping.
enum Reconciliation {
    static func table(
        mapping: RegionMapping, ledger: any LedgerStore, connector: SiteConnector, sites: [SiteID]?
    ) async throws -> (table: ReportTable, failures: [SyncRunner.Summary.Failure]) {
        let runner = SyncRunner(mapping: mapping, ledger: ledger, logger: Logger(label: "moodle-bridge.reconcile")) {
            try connector.connect($0)
        }
        let summary = await runner.run(
            sites: sites,
            options: SyncOptions(
                isFull: true, isDryRun: true, now: Date(), runID: "reconcile-\(UUID().uuidString.prefix(6))"),
            progress: { _ in })
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let items = summary.findings.map(item) + hourMismatches(snapshot: snapshot, mapping: mapping)
        return (ReconciliationBuilder().build(items: items, persons: snapshot.persons), summary.failures)
    }

    static func item(_ finding: SyncFinding) -> ReconciliationItem {
        let kind: ReconciliationItem.Kind =
            switch finding.kind {
            case .notYetCredited: .completionNotCredited
            case .revocationFlagged, .revocationReversed: .creditNoLongerComplete
            case .hoursMismatch: .hourMismatch
            case .unmappedCourse: .unmappedCourse
            case .unmatchedUser: .userWithoutPerson
            case .ambiguousMatch: .ambiguousMatch
            case .noLongerVerifiable: .completionNotVerifiable
            }
        return ReconciliationItem(
            kind: kind, site: finding.site, courseID: finding.courseID, courseName: finding.course,
            userName: finding.user, person: finding.person, module: finding.module, hours: finding.hours,
            detail: finding.detail)
    }

    /// Standing credits whose hours differ from their module's hours in today's mapping (the mapping
    /// changed after they were credited).
    static func hourMismatches(snapshot: LedgerSnapshot, mapping: RegionMapping) -> [ReconciliationItem] {
        snapshot.standingCredits.compactMap { credit in
            guard let module = mapping.module(credit.module), module.hours != credit.hours else { return nil }
            var site: SiteID?
            var course: Int?
            if case .moodle(let creditSite, let courseID, _) = credit.source {
                site = creditSite
                course = courseID
            }
            return ReconciliationItem(
                kind: .hourMismatch, site: site, courseID: course, person: credit.person, module: credit.module,
                hours: credit.hours,
                detail: "\(credit.id): ledger \(credit.hours.value) h, mapping today \(module.hours.value) h")
        }
    }
}
