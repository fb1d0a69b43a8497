import CreditCore
import Foundation

/// The person registry's history: every change and refused conflict, all or one learner's.
public struct PersonHistory: Sendable {
    public struct Event: Sendable, Encodable, Hashable {
        public var person: String
        public var field: String
        /// `change` or `conflict` (refused; the stored value stayed).
        public var kind: String
        public var stored: String?
        public var offered: String
        public var source: String
        public var batch: String
        public var recordedAt: Date
    }

    public let ledger: LedgerOpener

    public init(ledger: @escaping LedgerOpener) { self.ledger = ledger }

    public func run(person: PersonID?) async throws -> [Event] {
        try await ledger().personEvents(person: person).map { recorded in
            let event = recorded.event
            return Event(
                person: event.person.rawValue, field: event.field.rawValue, kind: event.kind.rawValue,
                stored: event.stored, offered: event.offered, source: event.source, batch: recorded.batch.rawValue,
                recordedAt: recorded.recordedAt)
        }
    }
}
