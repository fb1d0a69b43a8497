import CreditCore
import CreditReports
import Foundation

/// A learner's credit sheet (зачётный лист) for a printed page: the very table the `credit-sheet`
/// report gives (``CreditSheetBuilder``), over the learner's part of the ledger, with the
/// institution's name.
public struct LearnerCreditSheet: Sendable {
    public struct Result: Sendable {
        /// The institution's name from the mapping files (`institution:`).
        public var institution: String?
        /// The lines under the name (`institution_requisites:`): address, tax numbers, licence.
        public var requisites: [String]
        public var person: Person
        public var table: ReportTable
        /// The day the sheet is made, for the signature block.
        public var madeOn: ReportDay
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    /// - Throws: ``ApplicationError`` (`unknown`) for an unknown person.
    public func run(person id: String) async throws -> Result {
        let ledger = try await self.ledger()
        guard let person = try await ledger.person(id: PersonID(id)) else {
            throw ApplicationError(.unknown, "no person '\(id)' in the ledger")
        }
        let snapshot = LedgerSnapshot(
            persons: [person],
            projection: LedgerProjection(standingCredits: try await ledger.standingCredits(person: person.id)),
            routes: try await ledger.routes(person: person.id),
            documents: try await ledger.documents(person: person.id))
        let context = ReportContext(mapping: mapping, asOf: now)
        let table = try CreditSheetBuilder().build(person: person.id, snapshot: snapshot, context: context)
        return Result(
            institution: mapping.organisation.institution, requisites: mapping.organisation.requisites,
            person: person, table: table, madeOn: context.day(now))
    }
}
