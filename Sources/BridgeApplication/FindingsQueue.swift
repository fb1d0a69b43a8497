import CreditCore
import Foundation

/// The console's reconciliation queue: the open findings, one site's or one centre's (the centre of
/// the person a finding is about), each marked when it opened since the staff member's visit
/// before this one. Opening the queue records the visit; views within half an hour of the last one
/// belong to the same visit, so filtering and acknowledging keep the marks.
public struct FindingsQueue: Sendable {
    public struct Input: Sendable {
        /// The staff member's login.
        public var login: String
        public var site: String?
        public var centre: String?

        public init(login: String, site: String? = nil, centre: String? = nil) {
            self.login = login
            self.site = site
            self.centre = centre
        }
    }

    public struct Line: Hashable, Sendable {
        public var finding: RecordedFinding
        /// The person's name, when the finding is about a known person.
        public var personName: String?
        public var centre: CentreID?
        /// Opened since the staff member's visit before this one (or they never opened the queue).
        public var isNew: Bool
    }

    public struct Result: Sendable {
        public var lines: [Line]
        /// The visit the marks are counted from; nil: the first visit (every finding is new).
        public var newSince: Date?
        /// The centres of the mapping files, to filter by.
        public var centres: [Centre]
        public var sites: [SiteID]

        /// How many findings are new since the last visit.
        public var newCount: Int { lines.filter(\.isNew).count }

        /// The name of the centre `line`'s learner belongs to, when the mapping files name it.
        public func centreName(of line: Line) -> String? {
            line.centre.flatMap { id in centres.first { $0.id == id }?.name }
        }

        /// The lines grouped by kind, in the vocabulary's order; in each group the new ones first.
        public var groups: [(kind: FindingKind, lines: [Line])] {
            let byKind = Dictionary(grouping: lines) { $0.finding.key.kind }
            return FindingKind.allCases.compactMap { kind in byKind[kind].map { (kind, $0) } }
        }
    }

    /// Views this close to the last one are the same visit.
    public static let visitGap: TimeInterval = 30 * 60

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public let staff: StaffOpener
    public var now: Date

    public init(
        mapping: RegionMapping, ledger: @escaping LedgerOpener, staff: @escaping StaffOpener, now: Date = Date()
    ) {
        self.mapping = mapping
        self.ledger = ledger
        self.staff = staff
        self.now = now
    }

    /// - Throws: ``ApplicationError`` for a site or centre the mapping files do not know.
    public func run(_ input: Input) async throws -> Result {
        var filter = FindingFilter(states: [.open])
        if let site = input.site?.nonBlank {
            guard mapping.sites.contains(where: { $0.id.rawValue == site }) else {
                throw ApplicationError(.unknown, "unknown site \(site)")
            }
            filter.site = SiteID(site)
        }
        var centre: CentreID?
        if let id = input.centre?.nonBlank {
            guard mapping.organisation.centres.contains(where: { $0.id.rawValue == id }) else {
                throw ApplicationError(.unknown, "unknown centre \(id)")
            }
            centre = CentreID(id)
        }
        let staff = try await self.staff()
        let last = try await staff.findingsQueueVisit(login: input.login)
        let visit: FindingsQueueVisit =
            if let last, now.timeIntervalSince(last.lastSeenAt) < Self.visitGap {
                FindingsQueueVisit(lastSeenAt: now, previousAt: last.previousAt)
            } else {
                FindingsQueueVisit(lastSeenAt: now, previousAt: last?.lastSeenAt)
            }
        try await staff.recordFindingsQueueVisit(visit, login: input.login)

        let ledger = try await self.ledger()
        let findings = try await ledger.findings(filter)
        var persons: [PersonID: Person] = [:]
        for id in Set(findings.compactMap(\.person)) {
            if let person = try await ledger.person(id: id) { persons[id] = person }
        }
        let lines = findings.compactMap { finding -> Line? in
            let person = finding.person.flatMap { persons[$0] }
            if let centre, person?.centre != centre { return nil }
            return Line(
                finding: finding, personName: person.map { "\($0.lastName) \($0.firstName)" }, centre: person?.centre,
                isNew: visit.previousAt.map { finding.openedAt > $0 } ?? true)
        }
        return Result(
            lines: lines.sorted { ($0.isNew ? 0 : 1, $0.finding.id) < ($1.isNew ? 0 : 1, $1.finding.id) },
            newSince: visit.previousAt, centres: mapping.organisation.centres, sites: mapping.sites.map(\.id))
    }
}

extension String {
    fileprivate var nonBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}
