import BridgeConfig
import BridgeSync
import CreditCore
import CreditReports
import Foundation
import Logging
import MoodleClient

/// Reconcile Moodle with the ledger: a read-only full sync (it reads every site, re-verifies
/// credited completions and writes nothing), plus what the ledger itself shows — hour mismatches
/// against today's mapping, issued documents that certify a credit since reversed, and pairs of
/// persons that look like one teacher (``PossibleDuplicates``) — as the reconciliation report's table.
///
/// A site that cannot be read does not stop the others: it is listed in the result's failures, and
/// the table is complete for every other site.
public struct Reconcile: Sendable {
    public struct Result: Sendable {
        public var table: ReportTable
        /// The sites that could not be read.
        public var failures: [SyncRunner.Summary.Failure]
    }

    /// The region: its mapping, and how each site is reached.
    public let configuration: RegionConfiguration
    public let ledger: LedgerOpener
    /// A client for a site of the mapping files.
    public let connect: MoodleConnector
    public var now: Date

    public var mapping: RegionMapping { configuration.mapping }

    public init(
        configuration: RegionConfiguration, ledger: @escaping LedgerOpener, connect: @escaping MoodleConnector,
        now: Date = Date()
    ) {
        self.configuration = configuration
        self.ledger = ledger
        self.connect = connect
        self.now = now
    }

    /// - Parameter sites: Only these sites (nil: every site).
    public func run(sites: [SiteID]?) async throws -> Result {
        let ledger = try await self.ledger()
        let runner = SyncRunner(
            configuration: configuration, ledger: ledger, logger: Logger(label: "moodle-bridge.reconcile"),
            makeSite: connect)
        let summary = await runner.run(
            sites: sites,
            options: SyncOptions(
                isFull: true, isDryRun: true, now: now, runID: "reconcile-\(UUID().uuidString.prefix(6))"),
            progress: { _ in })
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let merges = try await ledger.mergesInForce()
        // A document behind a credit already reversed is found in the ledger; one the read-only sync
        // would reverse only in its findings: each is listed once.
        let relying = Self.documentsRelyingOnReversedCredits(snapshot: snapshot)
        let listed = Set(relying.map(\.detail))
        // Hours that differ from the mapping's are listed credit by credit from the ledger; the
        // sync's per-module finding stays only for modules the mapping does not name (hours fields).
        let mismatches = Self.hourMismatches(snapshot: snapshot, mapping: mapping)
        let mismatchedModules = Set(mismatches.compactMap(\.module))
        let items =
            summary.findings.map(Self.item).filter {
                ($0.kind != .documentReliesOnReversedCredit || !listed.contains($0.detail))
                    && ($0.kind != .hoursMismatch || !mismatchedModules.contains($0.module ?? ""))
            } + relying + mismatches
            + PossibleDuplicates.find(in: snapshot.persons, merges: merges).map {
                ReconciliationItem(kind: .possibleDuplicate, person: $0.first, detail: $0.text)
            } + Self.documentsOfMergedPersons(snapshot: snapshot, merges: merges)
        return Result(
            table: ReconciliationBuilder().build(items: items, persons: snapshot.persons), failures: summary.failures)
    }

    static func item(_ finding: SyncFinding) -> ReconciliationItem {
        ReconciliationItem(
            kind: finding.kind, site: finding.site, courseID: finding.courseID, courseName: finding.course,
            userName: finding.user, person: finding.person, module: finding.module, hours: finding.hours,
            detail: finding.detail)
    }

    /// Issued, not cancelled documents that certify a credit reversed since (by hand or by a sync):
    /// a credit a document names that is no longer standing.
    static func documentsRelyingOnReversedCredits(snapshot: LedgerSnapshot) -> [ReconciliationItem] {
        let standing = Set(snapshot.standingCredits.map(\.entry))
        let certified = snapshot.documents.flatMap { $0.request.content?.modules ?? [] }
        let reversed = Set(certified.map(\.entry)).subtracting(standing)
        let hours = Dictionary(certified.map { ($0.entry, $0.hours) }, uniquingKeysWith: { first, _ in first })
        return DocumentReliance.find(in: snapshot.documents, reversed: reversed).map { reliance in
            ReconciliationItem(
                kind: .documentReliesOnReversedCredit, person: reliance.person, module: reliance.module,
                hours: hours[reliance.credit], detail: reliance.text)
        }
    }

    /// Issued, not cancelled certificates and statements of a person merged into another: the
    /// person's credits now count for the other one, so the document's basis changed.
    static func documentsOfMergedPersons(snapshot: LedgerSnapshot, merges: PersonMerges) -> [ReconciliationItem] {
        guard !merges.isEmpty else { return [] }
        let merged = Set(merges.pairs.map(\.other))
        return PersonMergeRecorder.documents(of: merged, in: snapshot.documents).map { document in
            let keep = merges.keep(of: document.person).map(\.rawValue) ?? ""
            return ReconciliationItem(
                kind: .mergeChangesDocument, person: document.person,
                detail: LocalizedText(
                    ru: "\(document.text.ru); слушатель объединён с \(keep)",
                    en: "\(document.text.en); the person is merged into \(keep)"))
        }
    }

    /// Standing credits whose hours differ from their module's hours in today's mapping (the mapping
    /// changed after they were credited).
    public static func hourMismatches(snapshot: LedgerSnapshot, mapping: RegionMapping) -> [ReconciliationItem] {
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
                kind: .hoursMismatch, site: site, courseID: course, person: credit.person, module: credit.module,
                hours: credit.hours,
                detail: LocalizedText(
                    ru:
                        "\(credit.entry): в реестре \(credit.hours.value) ч, по сопоставлению сегодня \(module.hours.value) ч",
                    en: "\(credit.entry): ledger \(credit.hours.value) h, mapping today \(module.hours.value) h"))
        }
    }
}
