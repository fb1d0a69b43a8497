import CreditCore
import Foundation

/// The documents issued, newest first, with the holder's name.
public struct ListDocuments: Sendable {
    public struct Line: Hashable, Sendable {
        public var registrationNumber: String
        public var kind: DocumentRequest.Kind
        public var route: String
        public var person: String
        public var name: String
        public var hours: Int
        /// yyyy-mm-dd.
        public var issuedOn: String
        public var cancels: String?
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener) {
        self.mapping = mapping
        self.ledger = ledger
    }

    public func run() async throws -> [Line] {
        let ledger = try await self.ledger()
        let names = Dictionary(try await ledger.persons().map { ($0.id, $0.fullName) }, uniquingKeysWith: { a, _ in a })
        let region = RegionCalendar(mapping)
        return try await ledger.documents().reversed().map {
            Line(
                registrationNumber: $0.registrationNumber, kind: $0.request.kind, route: $0.request.route.rawValue,
                person: $0.request.person.rawValue, name: names[$0.request.person] ?? "", hours: $0.request.hours.value,
                issuedOn: region.iso($0.request.issuedAt), cancels: $0.request.cancels)
        }
    }
}
