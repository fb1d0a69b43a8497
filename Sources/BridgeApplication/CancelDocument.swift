import CreditCore
import CreditReports
import Foundation

/// Cancel an issued certificate or statement: a cancellation record with its own number (in the
/// cancellations' series), the reason and the operator. The document itself stays as issued; reports
/// show it as cancelled, and the route may be issued a new document of the kind.
///
/// Refused, with nothing written: an unknown number, a cancellation, a document of the other kind
/// (a statement's number given to `certificates cancel`), and a document already cancelled — even
/// by another registrar at the same moment (the ledger cancels a document once).
public struct CancelDocument: Sendable {
    public struct Input: Sendable {
        /// The registration number of the document, e.g. `2026-00007`.
        public var number: String
        /// What the caller means to cancel: a certificate or a statement.
        public var kind: DocumentRequest.Kind
        public var reason: String
        public var `operator`: String

        public init(number: String, kind: DocumentRequest.Kind, reason: String, operator: String) {
            self.number = number
            self.kind = kind
            self.reason = reason
            self.operator = `operator`
        }
    }

    public struct Result: Hashable, Sendable {
        /// The document cancelled, as it was issued.
        public var document: IssuedDocument
        /// The cancellation record.
        public var cancellation: IssuedDocument
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        let number = input.number.trimmingCharacters(in: .whitespaces)
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let who = input.operator.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ApplicationError(.invalidValue, "--reason is empty; say why \(number) is cancelled")
        }
        guard !who.isEmpty else {
            throw ApplicationError(.invalidValue, "--operator is empty; say who cancels \(number)")
        }
        let ledger = try await self.ledger()
        let documents = try await ledger.documents()
        let kind = input.kind.rawValue
        guard let document = documents.first(where: { $0.registrationNumber == number }) else {
            throw ApplicationError(.unknown, "no \(kind) \(number) in the ledger")
        }
        switch document.request.kind {
        case .cancellation:
            throw ApplicationError(
                .notCancellable,
                "\(number) is a cancellation (of \(document.request.cancels ?? "?")); it cannot be cancelled")
        case input.kind: break
        case let other:
            throw ApplicationError(
                .notCancellable,
                "\(number) is a \(other.rawValue), not a \(kind); cancel it with `\(other == .statement ? "statements" : "certificates") cancel`"
            )
        }
        let context = ReportContext(mapping: mapping, asOf: now)
        if let earlier = documents.first(where: { $0.request.kind == .cancellation && $0.request.cancels == number }) {
            throw ApplicationError(
                .notCancellable, "\(number) is already cancelled by \(Self.describe(earlier, context))")
        }
        let request = DocumentRequest(
            kind: .cancellation, route: document.request.route, person: document.request.person,
            hours: document.request.hours, issuedAt: now, year: context.day(now).year, cancels: number,
            prefix: mapping.organisation.numbering.cancellationPrefix, reason: reason, operator: who)
        guard let cancellation = try await ledger.issueDocuments([request]).first else {
            // Another registrar cancelled it in between: the ledger cancels a document once.
            let earlier = try await ledger.documents().first {
                $0.request.kind == .cancellation && $0.request.cancels == number
            }
            throw ApplicationError(
                .notCancellable,
                "\(number) is already cancelled\(earlier.map { " by \(Self.describe($0, context))" } ?? "")")
        }
        return Result(document: document, cancellation: cancellation)
    }

    /// `А-2026-00001 (on 02.06.2026 by Петрова: ошибка в фамилии)`.
    static func describe(_ cancellation: IssuedDocument, _ context: ReportContext) -> String {
        let who = cancellation.request.operator.map { " by \($0)" } ?? ""
        let why = cancellation.request.reason.map { ": \($0)" } ?? ""
        return
            "\(cancellation.registrationNumber) (on \(context.day(cancellation.request.issuedAt).russian)\(who)\(why))"
    }
}
