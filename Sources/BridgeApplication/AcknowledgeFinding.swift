import CreditCore
import Foundation

/// Acknowledge an open finding: a staff member has seen it and says why it may stay. It stays
/// acknowledged when later runs report it again, and is resolved when a run that covers it no
/// longer does.
public struct AcknowledgeFinding: Sendable {
    public struct Input: Sendable {
        /// The finding's number, as `findings` lists it.
        public var id: Int
        /// Who acknowledges it (the console's login, or the operator the command names).
        public var by: String
        public var reason: String

        public init(id: Int, by: String, reason: String) {
            self.id = id
            self.by = by
            self.reason = reason
        }
    }

    public let ledger: LedgerOpener
    public var now: Date

    public init(ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.ledger = ledger
        self.now = now
    }

    /// - Returns: The finding as acknowledged.
    /// - Throws: ``ApplicationError`` when the reason or the operator is empty, the finding is
    ///   unknown, or it is not open; nothing is written then.
    public func run(_ input: Input) async throws -> RecordedFinding {
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let by = input.by.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ApplicationError(.invalidValue, "the reason is empty; say why finding \(input.id) may stay")
        }
        guard !by.isEmpty else {
            throw ApplicationError(.invalidValue, "the operator is empty; say who acknowledges finding \(input.id)")
        }
        let ledger = try await self.ledger()
        guard let finding = try await ledger.findings(FindingFilter(id: input.id)).first else {
            throw ApplicationError(.unknown, "no finding \(input.id) in the findings history")
        }
        guard finding.state == .open,
            try await ledger.acknowledgeFinding(id: input.id, by: by, reason: reason, at: now)
        else {
            let state = try await ledger.findings(FindingFilter(id: input.id)).first?.state ?? finding.state
            throw ApplicationError(
                .invalidValue,
                "finding \(input.id) is \(state.rawValue), not open; only an open finding is acknowledged"
            )
        }
        guard let acknowledged = try await ledger.findings(FindingFilter(id: input.id)).first else {
            throw ApplicationError(.unknown, "no finding \(input.id) in the findings history")
        }
        return acknowledged
    }
}
