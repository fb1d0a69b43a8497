import CreditCore
import CreditReports
import Foundation

/// The statement (справка) of one learner's route, as a printed page shows it: the institution,
/// the learner, the program, the modules and hours, and the registration number and verification
/// code of the statement issued for the route.
///
/// An issued statement is read as it was issued (its stored modules and hours, never recomputed);
/// a route without one shows what a statement issued now would certify (``DocumentPlanner``).
public struct LearnerStatement: Sendable {
    public struct ModuleLine: Hashable, Sendable {
        public var module: String
        public var title: String
        public var form: StudyForm
        /// dd.mm.yyyy in the region.
        public var date: String
        public var hours: Int
    }

    /// The statement issued for the route.
    public struct Issued: Hashable, Sendable {
        public var number: String
        public var verificationCode: String?
        /// dd.mm.yyyy in the region.
        public var issuedOn: String
        /// The cancellation that cancels it, when one was issued.
        public var cancelledBy: String?
    }

    public struct Result: Sendable {
        /// The institution's name from the mapping files (`institution:`).
        public var institution: String?
        /// The lines under the name (`institution_requisites:`): address, tax numbers, licence.
        public var requisites: [String]
        public var person: Person
        public var route: String
        public var programTitle: String
        /// dd.mm.yyyy in the region.
        public var start: String
        public var lastDay: String
        public var status: RouteProgress.Status
        public var modules: [ModuleLine]
        public var totalHours: Int
        public var issued: Issued?
        /// The day the page is made (dd.mm.yyyy), for the signature block.
        public var madeOn: String
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    /// The statement of `route`, one of the routes of `person`.
    ///
    /// - Throws: ``ApplicationError`` (`unknown`) for an unknown person, or a route that is not theirs.
    public func run(person id: String, route routeID: String) async throws -> Result {
        let ledger = try await self.ledger()
        guard let person = try await ledger.person(id: PersonID(id)) else {
            throw ApplicationError(.unknown, "no person '\(id)' in the ledger")
        }
        let documents = try await ledger.documents(person: person.id)
        let snapshot = LedgerSnapshot(
            persons: [person], projection: try await ledger.projection(of: person.id),
            routes: try await ledger.routes(person: person.id), documents: documents)
        let context = ReportContext(mapping: mapping, asOf: now)
        guard let stored = snapshot.routes(at: context).first(where: { $0.route.id.rawValue == routeID }) else {
            throw ApplicationError(.unknown, "no route '\(routeID)' of \(person.id) in the ledger")
        }
        let cancellations = Dictionary(
            documents.compactMap { document in document.request.cancels.map { ($0, document.registrationNumber) } },
            uniquingKeysWith: { first, _ in first })
        // The statement that stands, else the latest cancelled one.
        let statements = documents.filter { $0.request.kind == .statement && $0.request.route == stored.route.id }
        let statement =
            statements.last { cancellations[$0.registrationNumber] == nil } ?? statements.last
        let modules: [DocumentModule]
        let total: CreditHours
        if let statement {
            modules = statement.request.content?.modules ?? []
            total = statement.request.hours
        } else {
            modules =
                DocumentPlanner().content(of: stored, kind: .statement, snapshot: snapshot, context: context)?.modules
                ?? []
            total = stored.hoursCredited
        }
        return Result(
            institution: mapping.organisation.institution, requisites: mapping.organisation.requisites,
            person: person, route: stored.route.id.rawValue,
            programTitle: statement?.request.content?.programTitle ?? context.title(of: stored.route.program),
            start: context.day(stored.route.start).russian, lastDay: context.lastDay(of: stored.route).russian,
            status: stored.status,
            modules: modules.map {
                ModuleLine(
                    module: $0.module.rawValue, title: $0.title, form: $0.form,
                    date: context.day($0.occurredAt).russian, hours: $0.hours.value)
            }, totalHours: total.value,
            issued: statement.map {
                Issued(
                    number: $0.registrationNumber, verificationCode: $0.request.verificationCode,
                    issuedOn: context.day($0.request.issuedAt).russian,
                    cancelledBy: cancellations[$0.registrationNumber])
            }, madeOn: context.day(now).russian)
    }
}
