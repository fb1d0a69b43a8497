import CreditCore
import Foundation

/// What the report builders read from a ledger, read once so every builder is a pure function of it.
public struct LedgerSnapshot: Sendable {
    public var persons: [Person]
    public var entries: [LedgerEntry]
    public var routes: [StoredRoute]
    public var documents: [IssuedDocument]

    public init(
        persons: [Person], entries: [LedgerEntry], routes: [StoredRoute], documents: [IssuedDocument]
    ) {
        self.persons = persons
        self.entries = entries
        self.routes = routes
        self.documents = documents
    }

    /// Reads everything the reports need from `ledger`.
    public static func read(from ledger: any LedgerStore) async throws -> LedgerSnapshot {
        LedgerSnapshot(
            persons: try await ledger.persons(), entries: try await ledger.entries(person: nil),
            routes: try await ledger.routes(person: nil), documents: try await ledger.documents())
    }

    /// Persons by id.
    public var personByID: [PersonID: Person] {
        Dictionary(persons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Credit entries that no reversal cancels, in ledger order.
    public var standingCredits: [LedgerEntry] {
        let reversed = Set(
            entries.compactMap { entry -> EntryID? in
                if case .reversal(let target) = entry.kind { return target }
                return nil
            })
        return entries.filter { $0.isCredit && !reversed.contains($0.id) }
    }

    /// The documents of one kind by route, the latest last; cancelled documents left out.
    public func documents(_ kind: DocumentRequest.Kind) -> [RouteID: IssuedDocument] {
        let cancelled = Set(documents.compactMap { $0.request.kind == .cancellation ? $0.request.cancels : nil })
        var found: [RouteID: IssuedDocument] = [:]
        for document in documents
        where document.request.kind == kind && !cancelled.contains(document.registrationNumber) {
            found[document.request.route] = document
        }
        return found
    }
}
