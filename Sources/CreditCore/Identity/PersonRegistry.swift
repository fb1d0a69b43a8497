import Foundation

/// The rule by which sources change the person registry. Pure: the ledger backends apply it inside
/// the append transaction and record what it returns.
///
/// - A field a source does not carry is left as stored.
/// - A new value for an empty field is set.
/// - Another SNILS for a person who has one is a conflict: the stored SNILS stays.
/// - Another name from a credit sheet is a conflict (the row was matched by SNILS, so the sheet and
///   the registry disagree about who that is); Moodle, the persons file and a registrar correct
///   names, and the change is recorded.
/// - Any other field takes the newer value, recorded as a change.
/// Names compare without case and with ё read as е, so a spelling variant is not a change.
public enum PersonRegistry {
    /// The outcome of applying facts in order to the stored persons.
    public struct Outcome: Sendable, Equatable {
        /// The persons whose stored record changes (new ones included), in first-seen order.
        public var persons: [Person]
        /// Every change and conflict, in order.
        public var events: [PersonEvent]

        public var conflicts: [PersonEvent] { events.filter { $0.kind == .conflict } }
    }

    /// Applies `facts` in order to `stored` (the persons the facts name, as the ledger holds them).
    public static func apply(_ facts: [PersonFacts], to stored: [PersonID: Person]) -> Outcome {
        var current = stored
        var changedOrder: [PersonID] = []
        var events: [PersonEvent] = []
        for fact in facts {
            let before = current[fact.id]
            var person =
                before
                ?? Person(
                    id: fact.id, lastName: fact[.lastName] ?? "", firstName: fact[.firstName] ?? "",
                    category: fact[.category].flatMap(LearnerCategory.init(rawValue:)) ?? .teacher)
            var changed = before == nil
            for field in PersonField.allCases {
                guard let offered = fact[field] else { continue }
                let held = before?[field]
                if let held, same(held, offered, field: field) { continue }
                if let held, conflicts(field: field, source: fact.source) {
                    events.append(
                        PersonEvent(
                            person: fact.id, field: field, kind: .conflict, stored: held, offered: offered,
                            source: fact.source.description))
                    continue
                }
                guard person.set(field, to: offered) else { continue }
                changed = true
                events.append(
                    PersonEvent(
                        person: fact.id, field: field, kind: .change, stored: held, offered: offered,
                        source: fact.source.description))
            }
            if changed {
                current[fact.id] = person
                if !changedOrder.contains(fact.id) { changedOrder.append(fact.id) }
            }
        }
        return Outcome(persons: changedOrder.map { current[$0]! }, events: events)
    }

    private static func conflicts(field: PersonField, source: PersonFacts.Source) -> Bool {
        switch field {
        case .snils: true
        case .lastName, .firstName, .middleName: !source.correctsNames
        default: false
        }
    }

    static func same(_ a: String, _ b: String, field: PersonField) -> Bool {
        switch field {
        case .lastName, .firstName, .middleName, .diplomaLastName: normalisedName(a) == normalisedName(b)
        case .snils: a.filter(\.isNumber) == b.filter(\.isNumber)
        default: a == b
        }
    }

    /// Whether two spellings are one name (case and ё/е aside).
    public static func sameName(_ a: String, _ b: String) -> Bool { normalisedName(a) == normalisedName(b) }

    /// A name as compared: lowercased, ё read as е, inner spaces collapsed.
    public static func normalisedName(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One recorded change to the registry, or a conflict the registry refused.
public struct PersonEvent: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The field took the offered value.
        case change
        /// The offered value was refused; the stored one stays.
        case conflict
    }

    public var person: PersonID
    public var field: PersonField
    public var kind: Kind
    /// The value before (nil: the field was empty).
    public var stored: String?
    public var offered: String
    /// Who said so: `moodle:SITE`, `sheet:FILE row N`, `persons:FILE row N`, `registrar:LOGIN`.
    public var source: String

    public init(
        person: PersonID, field: PersonField, kind: Kind, stored: String?, offered: String, source: String
    ) {
        self.person = person
        self.field = field
        self.kind = kind
        self.stored = stored
        self.offered = offered
        self.source = source
    }
}

/// A registry event as the ledger recorded it: with its batch and moment.
public struct RecordedPersonEvent: Hashable, Sendable {
    public var event: PersonEvent
    public var batch: BatchID
    public var recordedAt: Date

    public init(event: PersonEvent, batch: BatchID, recordedAt: Date) {
        self.event = event
        self.batch = batch
        self.recordedAt = recordedAt
    }
}
