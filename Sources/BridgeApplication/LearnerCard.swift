import BridgeConfig
import CreditCore
import CreditReports
import Foundation

/// One learner on one page: who they are, each route with its progress toward the target, every
/// ledger entry (with its id, for `ledger reverse`), the documents issued, and the findings: issued
/// documents that rely on a credit since reversed (``DocumentReliance``).
public struct LearnerCard: Sendable {
    public struct RouteLine: Hashable, Sendable {
        public var route: String
        public var program: String
        public var programTitle: String
        public var start: String
        public var lastDay: String
        public var status: RouteProgress.Status
        public var hours: Int
        public var targetHours: Int
        /// hours / target, 0…100.
        public var percent: Int
    }

    public struct EntryLine: Hashable, Sendable {
        /// The ledger entry id (`E42`).
        public var id: String
        public var module: String
        public var moduleTitle: String
        public var form: StudyForm
        /// yyyy-mm-dd in the region's time zone.
        public var occurredOn: String
        public var hours: Int
        /// A credit cancelled by a reversal entry.
        public var reversed: Bool
        /// For a reversal entry, the credit it cancels.
        public var reverses: String?
        /// A credit that stands: ``ReverseCredit`` would accept it (not a reversal, not reversed).
        public var reversible: Bool
        public var source: Source
        public var note: String?
    }

    public enum Source: Hashable, Sendable {
        /// A Moodle completion; `courseURL` when the site's connection settings are known.
        case moodle(site: String, siteName: String, courseID: Int, courseURL: String?)
        case sheet(file: String, row: Int)
        case manual(operator: String, document: String)
    }

    public struct DocumentLine: Hashable, Sendable {
        public var registrationNumber: String
        public var kind: DocumentRequest.Kind
        public var route: String
        public var hours: Int
        public var issuedOn: String
        /// The number of the cancellation that cancels this document, when one was issued.
        public var cancelledBy: String?
        /// A certificate or statement not cancelled: ``CancelDocument`` would accept it.
        public var cancellable: Bool { kind != .cancellation && cancelledBy == nil }
    }

    public struct Result: Sendable {
        public var person: Person
        public var routes: [RouteLine]
        public var entries: [EntryLine]
        public var documents: [DocumentLine]
        /// The person's issued, not cancelled documents that certify a reversed credit, in issue order.
        public var findings: [DocumentReliance]
        /// The person this one is merged into (their credits count there), if any.
        public var mergedInto: PersonID?
        /// The persons merged into this one, whose entries the card shows too.
        public var mergedHere: [PersonID]
    }

    public let mapping: RegionMapping
    /// How the sites are reached: a Moodle entry links to its course on the site's address. Without
    /// a site's connection the entry names the course without a link.
    public let connections: [SiteID: SiteConnection]
    public let ledger: LedgerOpener
    public var now: Date

    public init(
        mapping: RegionMapping, connections: [SiteID: SiteConnection] = [:], ledger: @escaping LedgerOpener,
        now: Date = Date()
    ) {
        self.mapping = mapping
        self.connections = connections
        self.ledger = ledger
        self.now = now
    }

    public func run(person id: String) async throws -> Result {
        let ledger = try await self.ledger()
        guard let person = try await ledger.person(id: PersonID(id)) else {
            throw ApplicationError(.unknown, "no person '\(id)' in the ledger")
        }
        // The person's entries and those of every person merged into them.
        let (entries, merges) = try await ledger.mergedEntries(of: person.id)
        let snapshot = LedgerSnapshot(
            persons: [person], projection: LedgerProjection(entries: entries, merges: merges),
            routes: try await ledger.routes(person: person.id),
            documents: try await ledger.documents(person: person.id))
        let context = ReportContext(mapping: mapping, asOf: now)
        let region = RegionCalendar(mapping)
        let routes = snapshot.routes(at: context).map { stored in
            let target = mapping.program(stored.route.program)?.targetHours.value ?? 0
            return RouteLine(
                route: stored.route.id.rawValue, program: stored.route.program.rawValue,
                programTitle: context.title(of: stored.route.program), start: region.iso(stored.route.start),
                lastDay: region.lastDay(of: stored.route), status: stored.status, hours: stored.hoursCredited.value,
                targetHours: target,
                percent: target > 0 ? min(100, stored.hoursCredited.value * 100 / target) : 0)
        }
        let reversed = Set(
            entries.compactMap { entry -> EntryID? in
                if case .reversal(let target) = entry.kind { return target }
                return nil
            })
        let lines = entries.map { entry in
            var reverses: String?
            if case .reversal(let target) = entry.kind { reverses = target.rawValue }
            return EntryLine(
                id: entry.id.rawValue, module: entry.module.rawValue, moduleTitle: context.title(of: entry.module),
                form: entry.form, occurredOn: region.iso(entry.occurredAt), hours: entry.hours.value,
                reversed: reversed.contains(entry.id), reverses: reverses,
                reversible: Reversal.refusal(of: entry, in: entries) == nil, source: source(of: entry.source),
                note: entry.note)
        }
        let cancellations = Dictionary(
            snapshot.documents.compactMap { document in
                document.request.cancels.map { ($0, document.registrationNumber) }
            }, uniquingKeysWith: { first, _ in first })
        let documents = snapshot.documents.map {
            DocumentLine(
                registrationNumber: $0.registrationNumber, kind: $0.request.kind, route: $0.request.route.rawValue,
                hours: $0.request.hours.value, issuedOn: region.iso($0.request.issuedAt),
                cancelledBy: cancellations[$0.registrationNumber])
        }
        let findings = DocumentReliance.find(in: snapshot.documents, reversed: reversed)
        return Result(
            person: person, routes: routes, entries: lines, documents: documents, findings: findings,
            mergedInto: merges.keep(of: person.id), mergedHere: merges.merged(into: person.id))
    }

    private func source(of source: EntrySource) -> Source {
        switch source {
        case .moodle(let site, let courseID, _):
            let config = mapping.site(site)
            let url = connections[site].map {
                $0.baseURL.appendingPathComponent("course/view.php").absoluteString + "?id=\(courseID)"
            }
            return .moodle(
                site: site.rawValue, siteName: config?.name ?? site.rawValue, courseID: courseID, courseURL: url)
        case .sheet(let file, let row): return .sheet(file: file, row: row)
        case .manual(let op, let document): return .manual(operator: op, document: document)
        }
    }
}
