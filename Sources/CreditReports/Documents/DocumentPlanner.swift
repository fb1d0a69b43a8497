import CreditCore
import Foundation

/// Decides which documents are due: a certificate for every completed route without one, a
/// statement for every expired route without one. Numbers are the ledger's to give.
public struct DocumentPlanner: Sendable {
    public init() {}

    /// The requests to issue at `context.asOf`, in route order. Each route is judged at that moment
    /// (a route completed after it is not yet due), and each document is registered in the year of
    /// its issue day in the region: a document dated 2025 is numbered 2025-….
    public func requests(
        _ kind: DocumentRequest.Kind, snapshot: LedgerSnapshot, context: ReportContext
    ) -> [DocumentRequest] {
        let registrationYear = context.day(context.asOf).year
        return due(kind, among: snapshot.routes(at: context), snapshot: snapshot)
            .sorted {
                ($0.completedAt ?? $0.route.deadline, $0.route.id) < ($1.completedAt ?? $1.route.deadline, $1.route.id)
            }
            .map {
                DocumentRequest(
                    kind: kind, route: $0.route.id, person: $0.route.person, hours: $0.hoursCredited,
                    issuedAt: context.asOf, year: registrationYear,
                    prefix: context.mapping.organisation.numbering.prefix(for: kind),
                    content: content(of: $0, kind: kind, snapshot: snapshot, context: context))
            }
    }

    /// The routes of `routes` (as ``LedgerSnapshot/routes(at:)`` judged them) due a document of
    /// `kind`: completed ones without a certificate, expired ones without a statement; in the order given.
    public func due(_ kind: DocumentRequest.Kind, among routes: [StoredRoute], snapshot: LedgerSnapshot) -> [StoredRoute] {
        due(kind, among: routes, documents: snapshot.documents)
    }

    /// The same, given the ledger's documents.
    public func due(_ kind: DocumentRequest.Kind, among routes: [StoredRoute], documents: [IssuedDocument]) -> [StoredRoute] {
        let due: RouteProgress.Status
        switch kind {
        case .certificate: due = .completed
        case .statement: due = .expired
        case .cancellation: return []
        }
        let issued = IssuedDocument.valid(kind, among: documents)
        return routes.filter { $0.status == due && issued[$0.route.id] == nil }
    }

    /// What the document will certify: the program, its volume and the modules that count, each
    /// with its credit's entry — a certificate's as the route stands at issue, a statement's as it
    /// stood at its deadline.
    public func content(
        of stored: StoredRoute, kind: DocumentRequest.Kind, snapshot: LedgerSnapshot, context: ReportContext
    ) -> DocumentContent? {
        guard let program = context.mapping.program(stored.route.program) else { return nil }
        let credits: [CountedCredit]
        if kind == .statement {
            let progress = snapshot.projection.progress(of: stored.route, program: program, asOf: stored.route.deadline)
            credits = progress.statement?.modules ?? progress.counted
        } else {
            credits = snapshot.projection.progress(of: stored.route, program: program, asOf: context.asOf).counted
        }
        return DocumentContent(
            program: program.id, programTitle: program.title, programHours: program.targetHours,
            completedAt: kind == .certificate ? stored.completedAt : nil,
            modules: credits.map {
                DocumentModule(
                    module: $0.module, title: context.title(of: $0.module), form: $0.form, hours: $0.hours,
                    occurredAt: $0.occurredAt, entry: $0.entry)
            })
    }
}
