import Foundation

/// What one transaction appends to the ledger: entries, the persons they name, and the sync cursor
/// that moves with them. It is written whole or not at all.
public struct LedgerBatch: Sendable {
    /// What produced the batch.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case sync
        case sheetImport = "sheet-import"
        case manual
        case routes
        case persons
    }

    public var id: BatchID
    public var kind: Kind
    /// Who or what ran it: a site id, an operator's name, a file.
    public var actor: String
    public var description: String
    /// The moment the entries are recorded at.
    public var recordedAt: Date
    public var entries: [Draft]
    /// Persons as one source knows them whole (names and category always carried).
    public var persons: [Person]
    /// Persons as a source knows them in part: fields it does not carry stay as stored.
    public var personFacts: [PersonFacts]
    /// Keys that identify persons (per site or across sites), saved with the batch.
    public var personKeys: [PersonKey]
    public var cursors: [SyncCursor]

    public init(
        id: BatchID, kind: Kind, actor: String, description: String, recordedAt: Date,
        entries: [Draft] = [], persons: [Person] = [], personFacts: [PersonFacts] = [],
        personKeys: [PersonKey] = [], cursors: [SyncCursor] = []
    ) {
        self.id = id
        self.kind = kind
        self.actor = actor
        self.description = description
        self.recordedAt = recordedAt
        self.entries = entries
        self.persons = persons
        self.personFacts = personFacts
        self.personKeys = personKeys
        self.cursors = cursors
    }

    /// Everything the batch says about persons, in order, each with its source: the registry rule
    /// (``PersonRegistry``) applies them inside the append transaction.
    public var registryFacts: [PersonFacts] {
        let source: PersonFacts.Source =
            switch kind {
            case .sync: .moodle(site: actor)
            case .sheetImport: .sheet(file: actor, row: 0)
            case .manual, .routes, .persons: .registrar(login: actor)
            }
        return persons.map { PersonFacts($0, source: source) } + personFacts
    }

    /// An entry before the ledger gives it an id and a place.
    public struct Draft: Hashable, Sendable {
        public var person: PersonID
        public var module: ModuleID
        public var hours: CreditHours
        public var form: StudyForm
        public var kind: LedgerEntry.Kind
        public var occurredAt: Date
        public var source: EntrySource
        public var idempotencyKey: String
        public var note: String?

        public init(
            person: PersonID, module: ModuleID, hours: CreditHours, form: StudyForm,
            kind: LedgerEntry.Kind = .credit, occurredAt: Date, source: EntrySource,
            idempotencyKey: String, note: String? = nil
        ) {
            self.person = person
            self.module = module
            self.hours = hours
            self.form = form
            self.kind = kind
            self.occurredAt = occurredAt
            self.source = source
            self.idempotencyKey = idempotencyKey
            self.note = note
        }

        /// The entry as the ledger stores it.
        public func entry(id: EntryID, recordedAt: Date, batch: BatchID) -> LedgerEntry {
            LedgerEntry(
                id: id, person: person, module: module, hours: hours, form: form, kind: kind,
                occurredAt: occurredAt, recordedAt: recordedAt, source: source,
                idempotencyKey: idempotencyKey, batch: batch, note: note)
        }
    }
}

/// What an append did.
public struct AppendOutcome: Hashable, Sendable {
    /// Entries written now.
    public var written: Int
    /// Entries whose idempotency key was already in the ledger.
    public var alreadyPresent: Int
    /// Values the person registry refused: the stored ones stay (see ``PersonRegistry``).
    public var personConflicts: [PersonEvent]

    public init(written: Int, alreadyPresent: Int, personConflicts: [PersonEvent] = []) {
        self.written = written
        self.alreadyPresent = alreadyPresent
        self.personConflicts = personConflicts
    }
}

/// How far a sync has read a site, saved in the same transaction as what it read.
public struct SyncCursor: Hashable, Sendable, Codable {
    public var site: SiteID
    /// A name for the part of the site the cursor covers, e.g. `completions` or `course:12`.
    public var stream: String
    /// Opaque to the ledger: the sync decides what it means.
    public var value: String

    public init(site: SiteID, stream: String, value: String) {
        self.site = site
        self.stream = stream
        self.value = value
    }
}

/// A key that identifies a person: per site (a Moodle user id) or across sites.
public struct PersonKey: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        case moodleUser(SiteID)
        case snils
        case idnumber
        case email
        /// A SNILS that fails its check digits, as a Moodle profile holds it: never matched by (it
        /// identifies nobody), kept so that the same value on another person is reported as a
        /// possible duplicate.
        case invalidSNILS

        /// How the kind is stored.
        public var storageName: String {
            switch self {
            case .moodleUser(let site): "moodle:\(site.rawValue)"
            case .snils: "snils"
            case .idnumber: "idnumber"
            case .email: "email"
            case .invalidSNILS: "snils-invalid"
            }
        }
    }

    public var kind: Kind
    public var value: String
    public var person: PersonID

    public init(kind: Kind, value: String, person: PersonID) {
        self.kind = kind
        self.value = value
        self.person = person
    }

    /// A key without its person: what a look-up asks for.
    public struct Lookup: Hashable, Sendable {
        public var kind: Kind
        public var value: String

        public init(kind: Kind, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    /// Many look-ups at once, for a store that queries by value: the distinct values to ask for,
    /// and which asked key a stored (kind, value) row answers.
    public struct Lookups: Sendable {
        public let values: [String]
        private let wanted: Set<Lookup>
        private let kinds: [String: Kind]

        public init(_ keys: [Lookup]) {
            wanted = Set(keys)
            values = Array(Set(keys.map(\.value)))
            kinds = Dictionary(keys.map { ($0.kind.storageName, $0.kind) }, uniquingKeysWith: { first, _ in first })
        }

        /// The asked key a stored row is, if it is one.
        public func match(storedKind: String, value: String) -> Lookup? {
            guard let kind = kinds[storedKind] else { return nil }
            let key = Lookup(kind: kind, value: value)
            return wanted.contains(key) ? key : nil
        }
    }
}

/// A batch as the ledger keeps it: who, what, when, and what it wrote.
public struct BatchRecord: Hashable, Sendable {
    public var id: BatchID
    public var kind: LedgerBatch.Kind
    public var actor: String
    public var description: String
    public var recordedAt: Date
    public var written: Int
    public var alreadyPresent: Int

    public init(
        id: BatchID, kind: LedgerBatch.Kind, actor: String, description: String, recordedAt: Date,
        written: Int, alreadyPresent: Int
    ) {
        self.id = id
        self.kind = kind
        self.actor = actor
        self.description = description
        self.recordedAt = recordedAt
        self.written = written
        self.alreadyPresent = alreadyPresent
    }
}
