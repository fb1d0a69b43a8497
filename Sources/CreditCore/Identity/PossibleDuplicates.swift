import Foundation

/// Two persons of the registry that look like one teacher, and why.
public struct PossibleDuplicate: Hashable, Sendable {
    /// What the two share.
    public struct Evidence: Hashable, Sendable, Codable {
        public enum Key: String, Hashable, Sendable, Codable, CaseIterable {
            case snils
            case idnumber
            case email
            /// The same full name and birth date.
            case nameAndBirthDate = "name-and-birth-date"
        }

        public var key: Key
        /// The shared value as stored (for a name and birth date: `Фамилия Имя Отчество, yyyy-MM-dd`).
        public var value: String

        public init(key: Key, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The two persons, the smaller id first.
    public var first: PersonID
    public var second: PersonID
    /// Every shared key, strongest first.
    public var evidence: [Evidence]

    public init(first: PersonID, second: PersonID, evidence: [Evidence]) {
        self.first = min(first, second)
        self.second = max(first, second)
        self.evidence = evidence
    }

    /// `P-1 and P-2 share snils 112-233-445 95, email a@b.ru`, in both languages.
    public var text: LocalizedText {
        let shared = evidence.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        return LocalizedText(
            ru: "\(first) и \(second) совпадают: \(shared) — возможно, это один слушатель",
            en: "\(first) and \(second) share \(shared): possibly one teacher")
    }
}

/// Finds the pairs of persons that look like one teacher: the same SNILS, idnumber or e-mail (as
/// the registry holds them; e-mail without case), or the same full name (without case, ё as е) and
/// birth date. Persons already merged into one are not a pair.
public enum PossibleDuplicates {
    public static func find(in persons: [Person], merges: PersonMerges = PersonMerges()) -> [PossibleDuplicate] {
        var groups: [PossibleDuplicate.Evidence: [PersonID]] = [:]
        for person in persons {
            for evidence in evidence(of: person) { groups[evidence, default: []].append(person.id) }
        }
        var pairs: [Pair: [PossibleDuplicate.Evidence]] = [:]
        for (evidence, members) in groups where members.count > 1 {
            let sorted = members.sorted()
            for (index, first) in sorted.enumerated() {
                for second in sorted[(index + 1)...] where merges.canonical(first) != merges.canonical(second) {
                    pairs[Pair(first: first, second: second), default: []].append(evidence)
                }
            }
        }
        let order = PossibleDuplicate.Evidence.Key.allCases
        return pairs.map { pair, evidence in
            PossibleDuplicate(
                first: pair.first, second: pair.second,
                evidence: evidence.sorted {
                    (order.firstIndex(of: $0.key)!, $0.value) < (order.firstIndex(of: $1.key)!, $1.value)
                })
        }
        .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }

    static func evidence(of person: Person) -> [PossibleDuplicate.Evidence] {
        var found: [PossibleDuplicate.Evidence] = []
        if let snils = person.snils { found.append(.init(key: .snils, value: snils.digits)) }
        if let idnumber = person.idnumber?.trimmingCharacters(in: .whitespaces), !idnumber.isEmpty {
            found.append(.init(key: .idnumber, value: idnumber))
        }
        if let email = person.email?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty {
            found.append(.init(key: .email, value: email))
        }
        if let birth = person.registry.birthDate, !birth.isEmpty, !person.lastName.isEmpty {
            found.append(
                .init(key: .nameAndBirthDate, value: "\(PersonRegistry.normalisedName(person.fullName)), \(birth)"))
        }
        return found
    }

    private struct Pair: Hashable {
        var first: PersonID
        var second: PersonID
    }
}
