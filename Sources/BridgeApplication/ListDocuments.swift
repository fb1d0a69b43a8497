import CreditCore
import CreditReports
import Foundation

/// The documents issued, newest first (or, for a registry book, in registration order), with the
/// holder's name, the program and whether a cancellation cancels them.
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
        /// dd.mm.yyyy, as printed pages write it.
        public var issuedOnPrinted: String
        public var cancels: String?
        /// The program's title as the document states it (empty for one issued before documents
        /// stored their content).
        public var programTitle: String
        /// The hours the document states (``VerifyDocument/statedHours(_:)``).
        public var statedHours: Int
        /// The cancellation that cancels this document, when one was issued.
        public var cancelledBy: String?
        public var cancellationReason: String?
        /// The code printed on the document for `/verify`.
        public var verificationCode: String?
        /// A certificate or statement not cancelled: ``CancelDocument`` would accept it.
        public var cancellable: Bool { kind != .cancellation && cancelledBy == nil }
    }

    /// The registry book of one kind of document: the institution, and every document of the kind
    /// in registration order, cancelled ones included (marked).
    public struct Registry: Sendable {
        public var institution: String?
        /// The lines under the name (`institution_requisites:`): address, tax numbers, licence.
        public var requisites: [String]
        public var lines: [Line]
        /// The day the list is made (dd.mm.yyyy in the region), for the signature block.
        public var madeOn: String
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener) {
        self.mapping = mapping
        self.ledger = ledger
    }

    public func run() async throws -> [Line] {
        try await lines().reversed()
    }

    /// The registry book of `kind` (certificates or statements), made at `moment`.
    public func registry(_ kind: DocumentRequest.Kind, asOf moment: Date) async throws -> Registry {
        Registry(
            institution: mapping.organisation.institution, requisites: mapping.organisation.requisites,
            lines: try await lines().filter { $0.kind == kind },
            madeOn: ReportContext(mapping: mapping, asOf: moment).day(moment).russian)
    }

    /// Every document in the order the ledger numbered them.
    private func lines() async throws -> [Line] {
        let ledger = try await self.ledger()
        let names = Dictionary(try await ledger.persons().map { ($0.id, $0.fullName) }, uniquingKeysWith: { a, _ in a })
        let region = RegionCalendar(mapping)
        let context = ReportContext(mapping: mapping, asOf: Date())
        let documents = try await ledger.documents()
        let cancellations = Dictionary(
            documents.compactMap { document in document.request.cancels.map { ($0, document) } },
            uniquingKeysWith: { first, _ in first })
        return documents.map {
            let cancellation = cancellations[$0.registrationNumber]
            return Line(
                registrationNumber: $0.registrationNumber, kind: $0.request.kind, route: $0.request.route.rawValue,
                person: $0.request.person.rawValue, name: names[$0.request.person] ?? "", hours: $0.request.hours.value,
                issuedOn: region.iso($0.request.issuedAt),
                issuedOnPrinted: context.day($0.request.issuedAt).russian, cancels: $0.request.cancels,
                programTitle: $0.request.content?.programTitle ?? "", statedHours: VerifyDocument.statedHours($0),
                cancelledBy: cancellation?.registrationNumber, cancellationReason: cancellation?.request.reason,
                verificationCode: $0.request.verificationCode)
        }
    }
}
