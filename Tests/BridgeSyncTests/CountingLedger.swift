import CreditCore
import Foundation
import LedgerSQLite
import Synchronization

/// A ledger that counts the reads a sync makes, by kind, around a real SQLite ledger, and names
/// each read of every person's rows (``wholeReads``): what a command about one person never makes.
final class CountingLedger: LedgerStore {
    let base: SQLiteLedger
    private let counts = Mutex<[String: Int]>([:])

    init(_ base: SQLiteLedger) { self.base = base }

    private let whole = Mutex<[String]>([])

    /// Reads so far, by method.
    var reads: [String: Int] { counts.withLock { $0 } }
    /// Reads of every person's rows so far, in order.
    var wholeReads: [String] { whole.withLock { $0 } }
    func reset() {
        counts.withLock { $0 = [:] }
        whole.withLock { $0 = [] }
    }
    private func count(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }
    /// Notes a read of every person's rows when `person` is nil.
    private func reading(_ name: String, _ person: PersonID?) { if person == nil { whole.withLock { $0.append(name) } } }

    func append(_ batch: LedgerBatch) async throws -> AppendOutcome { try await base.append(batch) }
    func entries(person: PersonID?) async throws -> [LedgerEntry] {
        count("entries")
        reading("entries", person)
        return try await base.entries(person: person)
    }
    func entries(after count: Int) async throws -> [LedgerEntry] { try await base.entries(after: count) }
    func entryCount() async throws -> Int { try await base.entryCount() }
    func personsWritten(after count: Int) async throws -> Set<PersonID> { try await base.personsWritten(after: count) }
    func contains(idempotencyKey: String) async throws -> Bool {
        count("contains")
        return try await base.contains(idempotencyKey: idempotencyKey)
    }
    func idempotencyKeys(among keys: [String]) async throws -> Set<String> {
        count("idempotencyKeys")
        return try await base.idempotencyKeys(among: keys)
    }
    func persons() async throws -> [Person] {
        count("persons")
        reading("persons", nil)
        return try await base.persons()
    }
    func registryRevision() async throws -> RegistryRevision { try await base.registryRevision() }
    func person(id: PersonID) async throws -> Person? { try await base.person(id: id) }
    func personEvents(person: PersonID?) async throws -> [RecordedPersonEvent] {
        reading("personEvents", person)
        return try await base.personEvents(person: person)
    }
    func person(kind: PersonKey.Kind, value: String) async throws -> PersonID? {
        count("person")
        return try await base.person(kind: kind, value: value)
    }
    func persons(keys: [PersonKey.Lookup]) async throws -> [PersonKey.Lookup: PersonID] {
        count("personsByKeys")
        return try await base.persons(keys: keys)
    }
    func cursors(site: SiteID) async throws -> [SyncCursor] { try await base.cursors(site: site) }
    func personMerges() async throws -> [RecordedPersonMerge] { try await base.personMerges() }
    func recordPersonMerge(_ merge: PersonMerge) async throws -> RecordedPersonMerge {
        try await base.recordPersonMerge(merge)
    }
    func withSyncLock<T: Sendable>(
        site: SiteID, wait: Bool, _ body: @Sendable () async throws -> T
    ) async throws -> T? { try await base.withSyncLock(site: site, wait: wait, body) }
    func recordRun(_ run: SyncRun) async throws { try await base.recordRun(run) }
    func recordFindings(_ sighting: FindingSighting) async throws -> FindingsRecorded {
        try await base.recordFindings(sighting)
    }
    func findings(_ filter: FindingFilter) async throws -> [RecordedFinding] { try await base.findings(filter) }
    func acknowledgeFinding(id: Int, by login: String, reason: String, at: Date) async throws -> Bool {
        try await base.acknowledgeFinding(id: id, by: login, reason: reason, at: at)
    }
    func syncRuns(limitPerSite: Int) async throws -> [SyncRun] { try await base.syncRuns(limitPerSite: limitPerSite) }
    func batches() async throws -> [BatchRecord] { try await base.batches() }
    func openRoutes(_ routes: [Route]) async throws { try await base.openRoutes(routes) }
    func routes(person: PersonID?) async throws -> [StoredRoute] {
        reading("routes", person)
        return try await base.routes(person: person)
    }
    func recordVerdicts(_ verdicts: [RouteVerdict]) async throws { try await base.recordVerdicts(verdicts) }
    func replaceAutomaticRoutes(of persons: Set<PersonID>, with routes: [Route]) async throws {
        try await base.replaceAutomaticRoutes(of: persons, with: routes)
    }
    func issueDocuments(_ requests: [DocumentRequest]) async throws -> [IssuedDocument] {
        try await base.issueDocuments(requests)
    }
    func documents(person: PersonID?) async throws -> [IssuedDocument] {
        reading("documents", person)
        return try await base.documents(person: person)
    }
    func verify(_ scope: VerificationScope) async throws -> LedgerVerification {
        reading("verify", nil)
        return try await base.verify(scope)
    }
    func standingCredits(person: PersonID?) async throws -> [StandingCredit] {
        reading("standingCredits", person)
        return try await base.standingCredits(person: person)
    }
    func standingTotals() async throws -> [PersonTotal] {
        reading("standingTotals", nil)
        return try await base.standingTotals()
    }
    func standingMonths() async throws -> StandingMonths {
        reading("standingMonths", nil)
        return try await base.standingMonths()
    }
}

extension CountingLedger {
    func siteCredits(site: SiteID) async throws -> [String: StandingCredit] {
        reading("siteCredits", nil)
        return try await base.siteCredits(site: site)
    }
}
