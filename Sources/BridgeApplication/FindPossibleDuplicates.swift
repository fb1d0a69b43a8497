import CreditCore
import Foundation

/// List the pairs of persons that look like one teacher (``PossibleDuplicates``), each with what
/// they share, the Moodle sites their credits come from, and both persons' standing modules and
/// hours, so that a registrar can decide whether to merge them (``MergePersons``).
public struct FindPossibleDuplicates: Sendable {
    public struct Side: Hashable, Sendable, Encodable {
        public var person: String
        public var name: String
        public var modules: Int
        public var hours: Int
        /// The Moodle sites the person's standing credits come from, by id.
        public var sites: [String]
    }

    public struct Pair: Hashable, Sendable, Encodable {
        public var first: Side
        public var second: Side
        public var evidence: [PossibleDuplicate.Evidence]
        public var detail: LocalizedText
    }

    public let ledger: LedgerOpener

    public init(ledger: @escaping LedgerOpener) {
        self.ledger = ledger
    }

    public func run() async throws -> [Pair] {
        let ledger = try await self.ledger()
        let persons = try await ledger.persons()
        let byID = Dictionary(persons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let duplicates = PossibleDuplicates.find(in: persons, merges: try await ledger.mergesInForce())
        guard !duplicates.isEmpty else { return [] }
        let totals = Dictionary(
            try await ledger.standingTotals().map { ($0.person, $0) }, uniquingKeysWith: { first, _ in first })
        var sites: [PersonID: [String]] = [:]
        func side(_ id: PersonID) async throws -> Side {
            if sites[id] == nil {
                sites[id] = Set(
                    try await ledger.standingCredits(person: id).compactMap { credit -> String? in
                        if case .moodle(let site, _, _) = credit.source { return site.rawValue }
                        return nil
                    }
                ).sorted()
            }
            return Side(
                person: id.rawValue, name: byID[id]?.fullName ?? "", modules: totals[id]?.modules ?? 0,
                hours: totals[id]?.hours.value ?? 0, sites: sites[id] ?? [])
        }
        var pairs: [Pair] = []
        for duplicate in duplicates {
            pairs.append(
                Pair(
                    first: try await side(duplicate.first), second: try await side(duplicate.second),
                    evidence: duplicate.evidence, detail: duplicate.text))
        }
        return pairs
    }
}
