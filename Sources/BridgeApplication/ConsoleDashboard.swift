import CreditCore
import CreditReports
import Foundation

/// The console's first page: routes that reached their target and await a certificate, open routes
/// whose deadline falls within the coming days, counts, and the last sync run of every site.
public struct ConsoleDashboard: Sendable {
    public struct RouteLine: Hashable, Sendable {
        public var route: String
        public var person: String
        public var name: String
        public var program: String
        public var hours: Int
        public var targetHours: Int
        /// yyyy-mm-dd: the route's last day.
        public var lastDay: String
        /// yyyy-mm-dd: when it reached the target, for a completed route.
        public var completedOn: String?
    }

    public struct SiteRun: Hashable, Sendable {
        public var site: String
        public var siteName: String
        /// yyyy-mm-dd hh:mm in the region's time zone: when the last run ended (or started, when it
        /// has no end: still running, or killed).
        public var at: String
        /// `succeeded`, `failed` or `running`.
        public var outcome: String
        public var newCredits: Int
        public var requests: Int
        public var host: String
        /// The last success is older than twice a day (the nightly schedule), or there is none.
        public var stale: Bool
        public var message: String?
    }

    public struct Counts: Hashable, Sendable {
        public var persons: Int
        public var entries: Int
        public var openRoutes: Int
        public var completedRoutes: Int
        public var expiredRoutes: Int
        public var documents: Int
    }

    public struct Result: Sendable {
        /// The first ``ConsoleDashboard/listLimit`` routes awaiting a certificate, of `awaitingTotal`.
        public var awaitingCertificate: [RouteLine]
        public var awaitingTotal: Int
        /// The first ``ConsoleDashboard/listLimit`` routes expiring soonest, of `expiringTotal`.
        public var expiringSoon: [RouteLine]
        public var expiringTotal: Int
        public var counts: Counts
        /// The latest sync run of each site, in site order; a site never synced is left out.
        public var lastSyncs: [SiteRun]
        /// Open findings opened since the staff member's last visit of the reconciliation queue
        /// (every open finding before a first visit); nil when no staff member was named.
        public var newFindings: Int?
    }

    /// How many days ahead a deadline counts as near.
    public static let expiringWithinDays = 30

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    /// The staff accounts, for the findings new since a staff member's last visit of the queue.
    public let staff: StaffOpener?
    public var now: Date

    public init(
        mapping: RegionMapping, ledger: @escaping LedgerOpener, staff: StaffOpener? = nil, now: Date = Date()
    ) {
        self.mapping = mapping
        self.ledger = ledger
        self.staff = staff
        self.now = now
    }

    /// The most lines each list shows; ``Result`` says how many there are in all.
    public static let listLimit = 50

    /// Reads the routes with their recorded verdicts (``StoredRoute/carried(to:)``: every write
    /// judges the routes it touches), the documents, and the names of the learners shown — not the
    /// credits, nor the whole registry.
    /// - Parameter login: The staff member looking, for the findings new since their last visit of
    ///   the reconciliation queue (``FindingsQueue``), which this does not count as a visit.
    public func run(login: String? = nil) async throws -> Result {
        let ledger = try await self.ledger()
        var newFindings: Int?
        if let login, let staff {
            let visit = try await staff().findingsQueueVisit(login: login)
            newFindings = try await ledger.findings(FindingFilter(states: [.open], openedSince: visit?.lastSeenAt))
                .count
        }
        let context = ReportContext(mapping: mapping, asOf: now)
        let region = RegionCalendar(mapping)
        let routes = try await ledger.routes(person: nil).filter { $0.route.start <= now }.map { $0.carried(to: now) }
        let documents = try await ledger.documents()
        let due = Set(DocumentPlanner().due(.certificate, among: routes, documents: documents).map(\.route.id))
        let awaiting = routes.filter { due.contains($0.route.id) }
        let horizon = now.addingTimeInterval(TimeInterval(Self.expiringWithinDays) * 86_400)
        let expiring = routes.filter { $0.status == .open && $0.route.deadline > now && $0.route.deadline <= horizon }
            .sorted { ($0.route.deadline, $0.route.id) < ($1.route.deadline, $1.route.id) }
        let shown = awaiting.prefix(Self.listLimit) + expiring.prefix(Self.listLimit)
        var names: [PersonID: String] = [:]
        for person in Set(shown.map(\.route.person)) {
            names[person] = try await ledger.person(id: person)?.fullName
        }
        func line(_ stored: StoredRoute) -> RouteLine {
            RouteLine(
                route: stored.route.id.rawValue, person: stored.route.person.rawValue,
                name: names[stored.route.person] ?? "", program: context.title(of: stored.route.program),
                hours: stored.hoursCredited.value,
                targetHours: mapping.program(stored.route.program)?.targetHours.value ?? 0,
                lastDay: region.lastDay(of: stored.route), completedOn: stored.completedAt.map(region.iso))
        }
        let status = try await SyncStatus(mapping: mapping, ledger: { ledger }, now: now).run(schedule: 86_400)
        let stamp = DateFormatter()
        stamp.locale = Locale(identifier: "en_US_POSIX")
        stamp.timeZone = region.timeZone
        stamp.dateFormat = "yyyy-MM-dd HH:mm"
        return Result(
            awaitingCertificate: awaiting.prefix(Self.listLimit).map(line), awaitingTotal: awaiting.count,
            expiringSoon: expiring.prefix(Self.listLimit).map(line), expiringTotal: expiring.count,
            counts: Counts(
                persons: try await ledger.registryRevision().persons, entries: try await ledger.entryCount(),
                openRoutes: routes.filter { $0.status == .open }.count,
                completedRoutes: routes.filter { $0.status == .completed }.count,
                expiredRoutes: routes.filter { $0.status == .expired }.count,
                documents: documents.filter { $0.request.kind != .cancellation }.count),
            lastSyncs: status.sites.compactMap { site in
                site.lastRun.map { run in
                    SiteRun(
                        site: site.site, siteName: mapping.site(SiteID(site.site))?.name ?? site.site,
                        at: stamp.string(from: run.endedAt ?? run.startedAt), outcome: run.outcome.rawValue,
                        newCredits: run.newCredits, requests: run.requests, host: run.host, stale: site.stale,
                        message: run.message)
                }
            },
            newFindings: newFindings)
    }
}
