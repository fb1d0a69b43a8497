import CreditCore
import Foundation

/// What the report builders read from a ledger, read once so every builder is a pure function of it:
/// the persons, the ``LedgerProjection`` of the ledger's standing credits (the ledger keeps them
/// materialised, so a report never loads every entry), the routes and the documents.
public struct LedgerSnapshot: Sendable {
    public var persons: [Person]
    public var projection: LedgerProjection
    public var routes: [StoredRoute]
    public var documents: [IssuedDocument]

    public init(
        persons: [Person], projection: LedgerProjection, routes: [StoredRoute], documents: [IssuedDocument]
    ) {
        self.persons = persons
        self.projection = projection
        self.routes = routes
        self.documents = documents
    }

    /// Reads everything the reports need from `ledger`.
    public static func read(from ledger: any LedgerStore) async throws -> LedgerSnapshot {
        LedgerSnapshot(
            persons: try await ledger.persons(),
            projection: LedgerProjection(standingCredits: try await ledger.standingCredits(person: nil)),
            routes: try await ledger.routes(person: nil), documents: try await ledger.documents())
    }

    /// Persons by id.
    public var personByID: [PersonID: Person] {
        Dictionary(persons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Credits that no reversal cancels, person by person.
    public var standingCredits: [StandingCredit] { projection.standingCredits }

    /// The documents of one kind by route, the latest last; cancelled documents left out.
    public func documents(_ kind: DocumentRequest.Kind) -> [RouteID: IssuedDocument] {
        IssuedDocument.valid(kind, among: documents)
    }
}

extension IssuedDocument {
    /// The documents of one kind among `documents` that no cancellation among them cancels, by
    /// route (the latest last).
    public static func valid(_ kind: DocumentRequest.Kind, among documents: [IssuedDocument]) -> [RouteID: IssuedDocument] {
        let cancelled = Set(documents.compactMap { $0.request.kind == .cancellation ? $0.request.cancels : nil })
        var found: [RouteID: IssuedDocument] = [:]
        for document in documents
        where document.request.kind == kind && !cancelled.contains(document.registrationNumber) {
            found[document.request.route] = document
        }
        return found
    }
}
