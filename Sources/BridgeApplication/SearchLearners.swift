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
        /// The person this one is merged into, whose card holds their credits.
        public var mergedInto: PersonID?
    }

    /// The most matches returned.
    public static let limit = 100

    public let ledger: LedgerOpener
    public let index: LearnerIndex

    /// `index` keeps the folded registry between searches; a front end that searches often passes
    /// the same one each time.
    public init(ledger: @escaping LedgerOpener, index: LearnerIndex = LearnerIndex()) {
        self.ledger = ledger
        self.index = index
    }

    public func run(query: String) async throws -> [Match] {
        let key = Array(Self.folded(query).utf8)
        guard !key.isEmpty else { return [] }
        let digits = query.filter(\.isNumber)
        let snilsQuery = !digits.isEmpty && query.allSatisfy { $0.isNumber || " -".contains($0) }
        let oneWord = !key.contains(UInt8(ascii: " "))
        let id = String(decoding: key, as: UTF8.self)
        var matches: [Match] = []
        let ledger = try await self.ledger()
        let merges = try await ledger.mergesInForce()
        // The index is in the order of the result: the first matches are the answer.
        for entry in try await index.entries(of: ledger) {
            let found =
                snilsQuery
                ? entry.person.snils?.digits.hasPrefix(digits) ?? false
                : Self.starts(entry.name, with: key, wordStarts: oneWord ? entry.wordStarts : [0])
                    || (entry.email.map { $0.starts(with: key) } ?? false)
                    || (entry.idnumber.map { $0.starts(with: key) } ?? false)
                    || entry.id == id
            guard found else { continue }
            let person = entry.person
            matches.append(
                Match(
                    person: person.id, fullName: person.fullName, snils: person.snils?.formatted, email: person.email,
                    idnumber: person.idnumber, mergedInto: merges.keep(of: person.id)))
            if matches.count == Self.limit { break }
        }
        return matches
    }

    /// Whether `key` starts `name` at one of `wordStarts`.
    static func starts(_ name: [UInt8], with key: [UInt8], wordStarts: [Int]) -> Bool {
        for start in wordStarts where name.count - start >= key.count {
            if name[start..<(start + key.count)].elementsEqual(key) { return true }
        }
        return false
    }

    /// Lower case, ё as е (written as one letter or as е and a diaeresis), single spaces, none at
    /// either end. One pass over the letters (``LearnerIndex`` folds each name once).
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
}
