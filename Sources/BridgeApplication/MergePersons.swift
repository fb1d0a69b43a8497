import BridgeSync
import CreditCore
import Foundation

/// Record that two persons of the registry are one teacher: OTHER is merged into KEEP. The merge is
/// appended to the merge log (the entries are never rewritten); from then on every reader counts
/// OTHER's credits as KEEP's (a module credited to both counts once), a key of OTHER identifies
/// KEEP, and both persons' automatic routes are derived again. ``UnmergePersons`` takes it back.
///
/// An issued, not cancelled certificate or statement of either person stays as issued; the result
/// names each (``MergedPersonsDocument``) for a registrar to review.
public struct MergePersons: Sendable {
    public struct Input: Sendable {
        public var keep: String
        public var other: String
        public var reason: String
        /// Who merges them (a staff login).
        public var `operator`: String

        public init(keep: String, other: String, reason: String, operator: String) {
            self.keep = keep
            self.other = other
            self.reason = reason
            self.operator = `operator`
        }
    }

    public struct Result: Hashable, Sendable {
        public var merge: RecordedPersonMerge
        /// KEEP's and OTHER's totals before, KEEP's after (OTHER has none while merged).
        public var before: [PersonTotal]
        public var after: PersonTotal
        public var documents: [MergedPersonsDocument]
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    /// - Throws: ``ApplicationError`` for an empty reason or operator, an unknown person, a person
    ///   merged into itself, or a chain (either person already merged, or OTHER holding merged
    ///   persons); nothing is written then.
    public func run(_ input: Input) async throws -> Result {
        let keep = PersonID(input.keep.trimmingCharacters(in: .whitespaces))
        let other = PersonID(input.other.trimmingCharacters(in: .whitespaces))
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let who = input.operator.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ApplicationError(.invalidValue, "the reason is empty; say why \(other) and \(keep) are one teacher")
        }
        guard !who.isEmpty else { throw ApplicationError(.invalidValue, "the operator is empty; say who merges") }
        let ledger = try await self.ledger()
        return try await PersonMergeRecorder(mapping: mapping, ledger: ledger, now: now).record(
            PersonMerge(kind: .merge, keep: keep, other: other, reason: reason, actor: who, recordedAt: now))
    }
}

/// Take a merge back: OTHER counts as itself again, with exactly the standing it had before the
/// merge plus whatever was credited to it since; the merge log keeps both events.
public struct UnmergePersons: Sendable {
    public struct Input: Sendable {
        public var other: String
        public var reason: String
        public var `operator`: String

        public init(other: String, reason: String, operator: String) {
            self.other = other
            self.reason = reason
            self.operator = `operator`
        }
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    /// - Throws: ``ApplicationError`` for an empty reason or operator, an unknown person, or one not
    ///   merged into anyone; nothing is written then.
    public func run(_ input: Input) async throws -> MergePersons.Result {
        let other = PersonID(input.other.trimmingCharacters(in: .whitespaces))
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let who = input.operator.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ApplicationError(.invalidValue, "the reason is empty; say why \(other) is unmerged")
        }
        guard !who.isEmpty else { throw ApplicationError(.invalidValue, "the operator is empty; say who unmerges") }
        let ledger = try await self.ledger()
        guard try await ledger.person(id: other) != nil else {
            throw ApplicationError(.unknown, "no person '\(other)' in the ledger")
        }
        guard let keep = try await ledger.mergesInForce().keep(of: other) else {
            throw ApplicationError(.notMergeable, "\(other) is not merged into anyone")
        }
        return try await PersonMergeRecorder(mapping: mapping, ledger: ledger, now: now).record(
            PersonMerge(kind: .unmerge, keep: keep, other: other, reason: reason, actor: who, recordedAt: now))
    }
}

/// An issued, not cancelled certificate or statement of a person a merge or unmerge concerned.
public struct MergedPersonsDocument: Hashable, Sendable, CustomStringConvertible {
    public var kind: DocumentRequest.Kind
    public var registrationNumber: String
    public var person: PersonID
    public var route: RouteID
    /// Whether the persons were merged or unmerged since the document was issued.
    public var event: PersonMerge.Kind = .merge

    /// `certificate 2026-00007 of P-2 (route R-1) was issued before the persons were merged`.
    public var text: LocalizedText {
        let russian = kind == .statement ? "справка" : "удостоверение"
        let undone = event == .unmerge
        return LocalizedText(
            ru:
                "\(russian) \(registrationNumber) слушателя \(person) (маршрут \(route)) выдана до \(undone ? "отмены объединения" : "объединения") слушателей",
            en:
                "\(kind.rawValue) \(registrationNumber) of \(person) (route \(route)) was issued before the persons were \(undone ? "unmerged" : "merged")"
        )
    }

    public var description: String { text.en }
}

/// What merge and unmerge share: the checks, the write, the routes, the documents.
struct PersonMergeRecorder {
    let mapping: RegionMapping
    let ledger: any LedgerStore
    let now: Date

    func record(_ merge: PersonMerge) async throws -> MergePersons.Result {
        for person in [merge.keep, merge.other] {
            guard try await ledger.person(id: person) != nil else {
                throw ApplicationError(.unknown, "no person '\(person)' in the ledger")
            }
        }
        let totalsBefore = try await ledger.standingTotals()
        let before = [merge.keep, merge.other].map { person in
            totalsBefore.first { $0.person == person } ?? PersonTotal(person: person, modules: 0, hours: .zero)
        }
        let recorded: RecordedPersonMerge
        do {
            recorded = try await ledger.recordPersonMerge(merge)
        } catch let refusal as PersonMergeRefusal {
            throw ApplicationError(.notMergeable, refusal.description)
        }
        _ = try await RouteKeeper(mapping: mapping, timeZone: RegionCalendar(mapping).timeZone).update(
            ledger: ledger, now: now, persons: [merge.keep, merge.other])
        let after =
            try await ledger.standingTotals().first { $0.person == merge.keep }
            ?? PersonTotal(person: merge.keep, modules: 0, hours: .zero)
        return MergePersons.Result(
            merge: recorded, before: before, after: after,
            documents: Self.documents(of: [merge.keep, merge.other], in: try await ledger.documents()).map {
                var document = $0
                document.event = merge.kind
                return document
            })
    }

    /// The issued, not cancelled certificates and statements of `persons`, in issue order.
    static func documents(of persons: Set<PersonID>, in documents: [IssuedDocument]) -> [MergedPersonsDocument] {
        let cancelled = Set(documents.compactMap { $0.request.kind == .cancellation ? $0.request.cancels : nil })
        return documents.filter {
            $0.request.kind != .cancellation && !cancelled.contains($0.registrationNumber)
                && persons.contains($0.request.person)
        }
        .map {
            MergedPersonsDocument(
                kind: $0.request.kind, registrationNumber: $0.registrationNumber, person: $0.request.person,
                route: $0.request.route)
        }
    }
}
