import CreditCore
import Foundation

/// Find learners by the start of their name, SNILS, e-mail or idnumber, ignoring case and ё/е.
///
/// A name matches when the query is the start of the full name ("Иванова Ан") or of any of its
/// parts ("Анна"); a SNILS matches by its first digits, whatever the separators typed.
public struct SearchLearners: Sendable {
    public struct Match: Hashable, Sendable {
        public var person: PersonID
        public var fullName: String
        /// `123-456-789 01`, or nil.
        public var snils: String?
        public var email: String?
        public var idnumber: String?
    }

    /// The most matches returned.
    public static let limit = 100

    public let ledger: LedgerOpener

    public init(ledger: @escaping LedgerOpener) { self.ledger = ledger }

    public func run(query: String) async throws -> [Match] {
        let key = Self.folded(query)
        guard !key.isEmpty else { return [] }
        let digits = query.filter(\.isNumber)
        let snilsQuery = !digits.isEmpty && query.allSatisfy { $0.isNumber || " -".contains($0) }
        let persons = try await ledger().persons()
        let matches = persons.filter { person in
            if snilsQuery { return person.snils?.digits.hasPrefix(digits) ?? false }
            let name = Self.folded(person.fullName)
            return name.hasPrefix(key)
                || name.split(separator: " ").contains { $0.hasPrefix(key) }
                || Self.folded(person.email ?? "").hasPrefix(key)
                || Self.folded(person.idnumber ?? "").hasPrefix(key)
                || person.id.rawValue.lowercased() == key
        }
        return
            matches
            .sorted { (Self.folded($0.fullName), $0.id.rawValue) < (Self.folded($1.fullName), $1.id.rawValue) }
            .prefix(Self.limit)
            .map {
                Match(
                    person: $0.id, fullName: $0.fullName, snils: $0.snils?.formatted, email: $0.email,
                    idnumber: $0.idnumber)
            }
    }

    /// Lower case, ё as е, single spaces.
    static func folded(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
