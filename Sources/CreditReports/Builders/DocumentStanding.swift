import CreditCore
import Foundation

/// Issued documents as reports list them: as they were issued (what a document certifies is stored
/// with it and never recomputed), with their cancellation when one was issued by the report's moment.
extension LedgerSnapshot {
    /// The documents of one kind issued by `moment`, in issue order, cancelled ones included.
    public func issued(_ kind: DocumentRequest.Kind, asOf moment: Date) -> [IssuedDocument] {
        documents.filter { $0.request.kind == kind && $0.request.issuedAt <= moment }
            .sorted { ($0.request.year, $0.number) < ($1.request.year, $1.number) }
    }

    /// The cancellation of the document `registrationNumber`, when one was issued by `moment`.
    public func cancellation(of registrationNumber: String, asOf moment: Date) -> IssuedDocument? {
        documents.first {
            $0.request.kind == .cancellation && $0.request.cancels == registrationNumber
                && $0.request.issuedAt <= moment
        }
    }

    /// Routes by id, as the ledger keeps them.
    public var routeByID: [RouteID: StoredRoute] {
        Dictionary(routes.map { ($0.route.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The status columns of a report that lists issued documents.
enum DocumentStatusColumns {
    static let columns = [
        ReportColumn("status", ru: "Статус", en: "Status", width: 14),
        ReportColumn("cancelledOn", ru: "Дата аннулирования", en: "Cancelled on", width: 12),
        ReportColumn("cancellationReason", ru: "Причина аннулирования", en: "Cancellation reason", width: 30),
    ]

    /// Status, cancellation day and reason of an issued document (`cancellation` when cancelled).
    static func cells(
        cancellation: IssuedDocument?, issued: LocalizedText, context: ReportContext
    ) -> [ReportCell] {
        guard let cancellation else { return [.label(issued), .empty, .empty] }
        return [
            .label(LocalizedText(ru: "аннулировано", en: "cancelled")),
            .date(context.day(cancellation.request.issuedAt)), .optionalText(cancellation.request.reason),
        ]
    }

    /// The same cells for a document not issued yet.
    static func notIssued(_ text: LocalizedText) -> [ReportCell] { [.label(text), .empty, .empty] }
}
