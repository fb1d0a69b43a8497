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
        // Each name is folded once, and kept for the sort.
        var matches: [(name: String, person: Person)] = []
        for person in persons {
            let name = Self.folded(person.fullName)
            let found =
                snilsQuery
                ? person.snils?.digits.hasPrefix(digits) ?? false
                : Self.startsAWord(key, of: name)
                    || (person.email.map { Self.folded($0).hasPrefix(key) } ?? false)
                    || (person.idnumber.map { Self.folded($0).hasPrefix(key) } ?? false)
                    || person.id.rawValue.lowercased() == key
            if found { matches.append((name, person)) }
        }
        return
            matches
            .sorted { ($0.name, $0.person.id.rawValue) < ($1.name, $1.person.id.rawValue) }
            .prefix(Self.limit)
            .map(\.person)
            .map {
                Match(
                    person: $0.id, fullName: $0.fullName, snils: $0.snils?.formatted, email: $0.email,
                    idnumber: $0.idnumber)
            }
    }

    /// Lower case, ё as е (written as one letter or as е and a diaeresis), single spaces, none at
    /// either end. One pass over the letters: a search folds every name of the registry.
    static func folded(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var space = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !folded.isEmpty
                continue
            }
            if scalar == "\u{0308}", folded.last == "е" { continue }
            if space {
                folded.append(" ")
                space = false
            }
            folded.append(scalar == "ё" ? "е" : scalar)
        }
        return String(folded)
    }

    /// Whether `key` starts the folded `name` or, when it is one word, any word of it.
    static func startsAWord(_ key: String, of name: String) -> Bool {
        if name.hasPrefix(key) { return true }
        let key = Array(key.utf8)
        guard !key.contains(UInt8(ascii: " ")) else { return false }
        let name = Array(name.utf8)
        guard name.count > key.count else { return false }
        for start in 1...(name.count - key.count) where name[start - 1] == UInt8(ascii: " ") {
            if name[start..<(start + key.count)].elementsEqual(key) { return true }
        }
        return false
    }
}
