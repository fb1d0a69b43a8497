import Foundation

/// The credit ledger's storage: append-only for entries and issued documents.
///
/// There is deliberately no way to update or delete an entry: a correction is a reversal entry.
/// Implementations enforce that in the database itself, write each ``LedgerBatch`` in one
/// transaction, write each idempotency key once even when two processes append at the same time,
/// and keep a hash chain that ``verify()`` checks.
public protocol LedgerStore: Sendable {
    /// Appends a batch all-or-nothing; drafts whose idempotency key is already in the ledger are
    /// skipped and counted.
    func append(_ batch: LedgerBatch) async throws -> AppendOutcome

    /// Entries in ledger order, all or one person's.
    func entries(person: PersonID?) async throws -> [LedgerEntry]

    /// The entries appended after the first `count` ones, in ledger order: what a run wrote, given
    /// ``entryCount()`` before it.
    func entries(after count: Int) async throws -> [LedgerEntry]

    /// The persons of the entries appended after the first `count` ones: whom a run's writes touched.
    func personsWritten(after count: Int) async throws -> Set<PersonID>

    /// How many entries the ledger holds.
    func entryCount() async throws -> Int

    /// Whether an idempotency key is already in the ledger.
    func contains(idempotencyKey: String) async throws -> Bool

    /// Which of `keys` are already in the ledger, in one read (a sync asks once a page).
    func idempotencyKeys(among keys: [String]) async throws -> Set<String>

    /// Every known person.
    func persons() async throws -> [Person]

    /// One person of the registry by id, as ``persons()`` holds them, read by itself; nil when unknown.
    func person(id: PersonID) async throws -> Person?

    /// The registry's history: every change and refused conflict, all or one person's, in order.
    func personEvents(person: PersonID?) async throws -> [RecordedPersonEvent]

    /// Where the registry stands, read in one cheap query: it changes whenever a person is added or
    /// a person's data changes, so a reader may keep what it derived from ``persons()`` until then.
    func registryRevision() async throws -> RegistryRevision

    /// The person a key identifies, if any: for a key of a person merged into another, that other.
    func person(kind: PersonKey.Kind, value: String) async throws -> PersonID?

    /// The persons the known ones of `keys` identify, in one read (a sync asks once a page); a key of
    /// a person merged into another identifies that other.
    func persons(keys: [PersonKey.Lookup]) async throws -> [PersonKey.Lookup: PersonID]

    /// The merge log, in order (see ``PersonMerge``).
    func personMerges() async throws -> [RecordedPersonMerge]

    /// Appends a merge or unmerge to the merge log and, in the same transaction, derives the
    /// standing state of the two persons again under the merges then in force.
    ///
    /// - Throws: ``PersonMergeRefusal`` when the merges in force do not allow it; nothing is written.
    func recordPersonMerge(_ merge: PersonMerge) async throws -> RecordedPersonMerge

    /// The cursors saved for a site.
    func cursors(site: SiteID) async throws -> [SyncCursor]

    /// Runs `body` holding the sync lock of `site`, which every process using this ledger shares (on
    /// PostgreSQL an advisory lock, so two machines never sync one site at once; on SQLite a lock on a
    /// file beside the ledger). Without `wait`, returns nil at once when another holds it. The lock
    /// goes when `body` ends or the process dies.
    func withSyncLock<T: Sendable>(
        site: SiteID, wait: Bool, _ body: @Sendable () async throws -> T
    ) async throws -> T?

    /// Records a site's sync run (a second record with the same run and site replaces the first).
    func recordRun(_ run: SyncRun) async throws

    /// Every site's runs, newest first, at most `limit` per site.
    func syncRuns(limitPerSite: Int) async throws -> [SyncRun]

    /// Records what one run of one site reported in the findings history, all or nothing, by the
    /// rule of ``FindingHistoryChanges``: new findings open, findings seen again move their last
    /// seen, resolved ones seen again re-open, and those of a kind the run covered that it did not
    /// report are resolved by it.
    func recordFindings(_ sighting: FindingSighting) async throws -> FindingsRecorded

    /// The findings history, as `filter` selects, in the order the findings were first recorded.
    func findings(_ filter: FindingFilter) async throws -> [RecordedFinding]

    /// Acknowledges an open finding: who, why, when. Returns false, changing nothing, when there is
    /// no such finding or it is not open.
    func acknowledgeFinding(id: Int, by login: String, reason: String, at: Date) async throws -> Bool

    /// Batches, oldest first.
    func batches() async throws -> [BatchRecord]

    /// Opens routes (ИОМ); a route whose id exists is left as it is. All or nothing.
    func openRoutes(_ routes: [Route]) async throws

    /// Routes, all or one person's.
    func routes(person: PersonID?) async throws -> [StoredRoute]

    /// Records the accumulator's verdict on routes.
    func recordVerdicts(_ verdicts: [RouteVerdict]) async throws

    /// Makes `routes` the automatic routes (those a program opens by itself, see ``AutomaticRoutes``)
    /// of `persons`, all or nothing: an automatic route of theirs not among `routes` goes, a route of
    /// `routes` not yet kept is added (open, no hours), and one already kept keeps its verdict. Routes
    /// a registrar opened are never touched, and a route whose id is taken is left as it is.
    func replaceAutomaticRoutes(of persons: Set<PersonID>, with routes: [Route]) async throws

    /// Gives each request the next registration number of its kind's series and year, atomically
    /// and for good, in one transaction under the ledger's write lock, and stores the request whole
    /// (what the document certifies, its verification code, a cancellation's reason and operator).
    /// A certificate or statement requested for a route that already holds one of that kind (not
    /// cancelled) is skipped, and so is the cancellation of a document already cancelled, so two
    /// issuers running at once never give a route two documents nor cancel one twice; the result
    /// holds only the documents issued.
    func issueDocuments(_ requests: [DocumentRequest]) async throws -> [IssuedDocument]

    /// Issued documents, all or one person's (cancellations included), in the order they were
    /// issued, each with what it certifies as issued.
    func documents(person: PersonID?) async throws -> [IssuedDocument]

    /// Checks, in one snapshot, the hash chain over every entry (streamed, one at a time), the head
    /// against the checkpoint file when there is one (``LedgerCheckpoint``), the materialised
    /// standing state (see ``MaterialisedStanding``) against the ``LedgerProjection`` of the
    /// entries, the documents and number series, the persons against their registry events and,
    /// when `scope` gives the programs, every route's recorded verdict (``LedgerAudit``). The
    /// derived state is read one slice of persons at a time (``LedgerVerification/SliceCheck``),
    /// so memory follows `scope.entriesPerSlice`, not the ledger's size.
    func verify(_ scope: VerificationScope) async throws -> LedgerVerification

    /// The materialised standing credits (credits no reversal cancels), all or one person's, in no
    /// particular order. Written in the append transaction together with the entries.
    func standingCredits(person: PersonID?) async throws -> [StandingCredit]

    /// The standing credits from one Moodle site, by idempotency key: what a sync re-verifies and
    /// compares with, read without the rest of the ledger.
    func siteCredits(site: SiteID) async throws -> [String: StandingCredit]

    /// The materialised per-person totals: modules credited (each once) and their hours, by person.
    func standingTotals() async throws -> [PersonTotal]

    /// The materialised month × form × person rows of the standing credits, with the offset from UTC
    /// their months are counted at.
    func standingMonths() async throws -> StandingMonths
}

/// A route as the ledger keeps it, with the last verdict recorded.
///
/// Every write that changes a person's credits judges that person's routes again (``LedgerStore/recordVerdicts(_:)``
/// after the write), so between writes a recorded verdict changes only with time: ``carried(to:)``.
public struct StoredRoute: Hashable, Sendable {
    public var route: Route
    public var status: RouteProgress.Status
    public var hoursCredited: CreditHours
    public var completedAt: Date?
    /// Whether a program opened it by itself (derived from the credits, replaced as they change)
    /// rather than a registrar (kept as recorded).
    public var isAutomatic: Bool

    public init(
        route: Route, status: RouteProgress.Status, hoursCredited: CreditHours, completedAt: Date?,
        isAutomatic: Bool = false
    ) {
        self.route = route
        self.status = status
        self.hoursCredited = hoursCredited
        self.completedAt = completedAt
        self.isAutomatic = isAutomatic
    }
}

/// The accumulator's verdict on a route, to be recorded.
public struct RouteVerdict: Hashable, Sendable {
    public var route: RouteID
    public var status: RouteProgress.Status
    public var hoursCredited: CreditHours
    public var completedAt: Date?

    public init(route: RouteID, status: RouteProgress.Status, hoursCredited: CreditHours, completedAt: Date?) {
        self.route = route
        self.status = status
        self.hoursCredited = hoursCredited
        self.completedAt = completedAt
    }

    public init(_ progress: RouteProgress) {
        self.init(
            route: progress.route, status: progress.status, hoursCredited: progress.hoursCredited,
            completedAt: progress.completedAt)
    }
}

/// One person's credited modules and hours.
public struct PersonTotal: Hashable, Sendable {
    public var person: PersonID
    public var modules: Int
    public var hours: CreditHours

    public init(person: PersonID, modules: Int, hours: CreditHours) {
        self.person = person
        self.modules = modules
        self.hours = hours
    }
}

/// Credits of one month, form and category.
public struct MonthlyTotal: Hashable, Sendable {
    public var month: YearMonth
    public var form: StudyForm
    public var category: LearnerCategory
    /// Distinct persons credited.
    public var learners: Int
    public var credits: Int
    public var hours: CreditHours

    public init(
        month: YearMonth, form: StudyForm, category: LearnerCategory, learners: Int, credits: Int,
        hours: CreditHours
    ) {
        self.month = month
        self.form = form
        self.category = category
        self.learners = learners
        self.credits = credits
        self.hours = hours
    }
}

/// Where the person registry stands: how many persons, and the position of its latest event (every
/// change of a person's data is an event, ``LedgerStore/personEvents(person:)``).
public struct RegistryRevision: Hashable, Sendable {
    public var persons: Int
    public var lastEvent: Int

    public init(persons: Int, lastEvent: Int) {
        self.persons = persons
        self.lastEvent = lastEvent
    }
}

extension StoredRoute {
    /// The recorded verdict as it stands at `moment`, no credit of the person having been written
    /// since it was recorded: an open route whose deadline has come is expired.
    public func carried(to moment: Date) -> StoredRoute {
        var carried = self
        carried.status = .of(completed: status == .completed, asOf: moment, deadline: route.deadline)
        return carried
    }
}
