/// What one source says about a person: only the fields it carries. A field the source does not
/// carry is nil and never blanks what the registry holds.
public struct PersonFacts: Hashable, Sendable {
    /// Where the facts come from; it decides which stored values they may change.
    public enum Source: Hashable, Sendable, CustomStringConvertible {
        /// A Moodle site's user profile: it may correct names (a profile corrected in Moodle).
        case moodle(site: String)
        /// A credit sheet row: it may fill gaps, never change a known person's names or SNILS.
        case sheet(file: String, row: Int)
        /// The registrar's persons file, row by row: it may fill gaps and correct names.
        case personsFile(file: String, row: Int)
        /// A registrar (or another operator) by hand.
        case registrar(login: String)

        public var description: String {
            switch self {
            case .moodle(let site): "moodle:\(site)"
            case .sheet(let file, let row): "sheet:\(file) row \(row)"
            case .personsFile(let file, let row): "persons:\(file) row \(row)"
            case .registrar(let login): "registrar:\(login)"
            }
        }

        /// Whether the source may replace a stored name with another (sheets only fill gaps).
        var correctsNames: Bool {
            if case .sheet = self { return false }
            return true
        }
    }

    public var id: PersonID
    public var source: Source
    public var values: [PersonField: String]

    public init(id: PersonID, source: Source, values: [PersonField: String] = [:]) {
        self.id = id
        self.source = source
        // Blank text is not a value: a cell left empty says nothing.
        self.values = values.compactMapValues { value in
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// Every field `person` holds, as one source's facts (names and category always).
    public init(_ person: Person, source: Source) {
        var values: [PersonField: String] = [:]
        for field in PersonField.allCases {
            if let value = person[field] { values[field] = value }
        }
        self.init(id: person.id, source: source, values: values)
    }

    public subscript(field: PersonField) -> String? { values[field] }
}

/// A field of the person registry, named as the ledger stores it.
public enum PersonField: String, Hashable, Sendable, CaseIterable, Codable {
    case lastName = "last_name"
    case firstName = "first_name"
    case middleName = "middle_name"
    case snils
    case email
    case idnumber
    case category
    case centre
    case birthDate = "birth_date"
    case sex
    case educationLevel = "education_level"
    case diplomaLastName = "diploma_last_name"
    case diplomaSeries = "diploma_series"
    case diplomaNumber = "diploma_number"
    case citizenship
    case funding
}

import Foundation
