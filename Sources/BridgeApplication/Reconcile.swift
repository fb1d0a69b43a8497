import BridgeSync
import CreditCore
import CreditReports
import Foundation
import Logging
import MoodleClient

/// Reconcile Moodle with the ledger: a read-only full sync (it reads every site, re-verifies
/// credited completions and writes nothing), plus the ledger's own hour mismatches against today's
/// mapping, as the reconciliation report's table.
///
/// A site that cannot be read does not stop the others: it is listed in the result's failures, and
/// the table is complete for every other site.
public struct Reconcile: Sendable {
    public struct Result: Sendable {
        public var table: ReportTable
        /// The sites that could not be read.
        public var failures: [SyncRunner.Summary.Failure]
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    /// A client for a site of the mapping files.
    public let connect: @Sendable (SiteConfig) throws -> MoodleSite
    public var now: Date

    public init(
        mapping: RegionMapping, ledger: @escaping LedgerOpener,
        connect: @escaping @Sendable (SiteConfig) throws -> MoodleSite, now: Date = Date()
    ) {
        self.mapping = mapping
        self.ledger = ledger
        self.connect = connect
        self.now = now
    }

    /// - Parameter sites: Only these sites (nil: every site).
    public func run(sites: [SiteID]?) async throws -> Result {
        let ledger = try await self.ledger()
        let runner = SyncRunner(
            mapping: mapping, ledger: ledger, logger: Logger(label: "moodle-bridge.reconcile"), makeSite: connect)
        let summary = await runner.run(
            sites: sites,
            options: SyncOptions(
                isFull: true, isDryRun: true, now: now, runID: "reconcile-\(UUID().uuidString.prefix(6))"),
            progress: { _ in })
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let items = summary.findings.map(Self.item) + Self.hourMismatches(snapshot: snapshot, mapping: mapping)
        return Result(
            table: ReconciliationBuilder().build(items: items, persons: snapshot.persons), failures: summary.failures)
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
            case .invalidKey: .invalidKey
            }
        return ReconciliationItem(
            kind: kind, site: finding.site, courseID: finding.courseID, courseName: finding.course,
            userName: finding.user, person: finding.person, module: finding.module, hours: finding.hours,
            detail: finding.detail)
    }

    /// Standing credits whose hours differ from their module's hours in today's mapping (the mapping
    /// changed after they were credited).
    static func hourMismatches(snapshot: LedgerSnapshot, mapping: RegionMapping) -> [ReconciliationItem] {
        snapshot.projection.persons.flatMap { person in
            hourMismatches(of: snapshot.projection.standingCredits(of: person), mapping: mapping)
        }
    }

    private static func hourMismatches(of credits: [StandingCredit], mapping: RegionMapping) -> [ReconciliationItem] {
        credits.compactMap { credit in
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
                detail: "\(credit.entry): ledger \(credit.hours.value) h, mapping today \(module.hours.value) h")
        }
    }
}
