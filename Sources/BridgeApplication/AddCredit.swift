import BridgeSync
import CreditCore
import Foundation

/// Add one credit by hand (an in-person module or a seminar), on the strength of a document.
///
/// The credit is checked by the rules of a credit sheet's row (``CreditSheet/Fields``) and keyed
/// like one: the same person, module and day is one credit, whether entered by hand or imported.
public struct AddCredit: Sendable {
    public struct Input: Sendable {
        /// The learner's SNILS; or empty, with ``person`` naming a learner whose SNILS the ledger holds.
        public var snils: String
        /// A learner of the ledger by id (the learner card's form), credited by their stored SNILS.
        public var person: String?
        /// Needed for a person new to the ledger; a known person's stored names otherwise.
        public var lastName: String?
        public var firstName: String?
        public var middleName: String?
        public var module: String
        /// When given, must equal the module's hours (a check against typos).
        public var hours: Int?
        /// The module's form when nil.
        public var form: StudyForm?
        /// The day the module was passed (dd.mm.yyyy or yyyy-mm-dd).
        public var date: String
        /// The document the credit rests on.
        public var document: String
        /// Who enters the credit.
        public var `operator`: String
        /// Accept a date after today.
        public var allowFuture: Bool

        public init(
            snils: String, lastName: String? = nil, firstName: String? = nil, middleName: String? = nil,
            module: String, hours: Int? = nil, form: StudyForm? = nil, date: String, document: String,
            operator: String, allowFuture: Bool = false, person: String? = nil
        ) {
            self.snils = snils
            self.person = person
            self.lastName = lastName
            self.firstName = firstName
            self.middleName = middleName
            self.module = module
            self.hours = hours
            self.form = form
            self.date = date
            self.document = document
            self.operator = `operator`
            self.allowFuture = allowFuture
        }
    }

    public struct Result: Hashable, Sendable {
        /// False when the same credit was already in the ledger (nothing was written).
        public var written: Bool
        public var module: ModuleID
        public var hours: CreditHours
        public var person: PersonID
        /// The person's full name.
        public var name: String
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    /// Where the mapping files are, for messages.
    public var mappingsLocation: String?
    public var now: Date

    public init(
        mapping: RegionMapping, ledger: @escaping LedgerOpener, mappingsLocation: String? = nil, now: Date = Date()
    ) {
        self.mapping = mapping
        self.ledger = ledger
        self.mappingsLocation = mappingsLocation
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        guard let module = mapping.module(ModuleID(input.module)) else {
            throw ApplicationError(
                .unknown,
                "unknown module '\(input.module)'; it is not in the mapping files\(mappingsLocation.map { " \($0)" } ?? "")"
            )
        }
        let region = RegionCalendar(mapping)
        if let day = region.day(input.date) {
            try FutureDates(timeZone: region.timeZone, now: now).check(
                day, text: input.date, what: "--date", allowed: input.allowFuture)
        }
        let ledger = try await self.ledger()
        var input = input
        if let id = input.person {
            guard let person = try await ledger.person(id: PersonID(id)) else {
                throw ApplicationError(.unknown, "no person '\(id)' in the ledger")
            }
            guard let stored = person.snils else {
                throw ApplicationError(
                    .invalidValue,
                    "\(person.fullName) has no SNILS in the ledger: a credit by hand is entered by SNILS; add it to the person's data first"
                )
            }
            input.snils = stored.formatted
        }
        let snils: SNILS
        do { snils = try SNILS(parsing: input.snils) } catch {
            throw ApplicationError(.invalidValue, "bad SNILS '\(input.snils)': \(error)")
        }
        let existing = try await KnownPersons.bySNILS([snils.digits], in: ledger)[snils.digits]
        if existing == nil, input.lastName == nil || input.firstName == nil {
            throw ApplicationError(
                .unknown, "no person with SNILS \(snils) in the ledger yet: give --last-name and --first-name")
        }
        let fields = CreditSheet.Fields(
            snils: snils.formatted, lastName: input.lastName ?? existing?.lastName,
            firstName: input.firstName ?? existing?.firstName, middleName: input.middleName ?? existing?.middleName,
            module: module.id.rawValue, hours: input.hours.map(String.init), form: (input.form ?? module.form).rawValue,
            date: input.date, document: input.document)
        let sheet = CreditSheet(
            file: "manual", rows: [(row: 1, fields: fields)], modules: [module.id: module],
            knownPersons: existing.map { [snils.digits: $0] } ?? [:], timeZone: region.timeZone)
        if let problem = sheet.problems.first {
            throw ApplicationError(.invalidValue, "\(problem.column ?? "value"): \(problem.message)")
        }
        var drafts = sheet.drafts(operator: input.operator)
        drafts.entries = drafts.entries.map { draft in
            var manual = draft
            manual.source = .manual(operator: input.operator, document: input.document)
            return manual
        }
        let outcome = try await ledger.append(
            LedgerBatch(
                id: BatchID("manual-\(UUID().uuidString.prefix(8).lowercased())"), kind: .manual,
                actor: input.operator, description: "manual credit: \(input.document)", recordedAt: now,
                entries: drafts.entries, personFacts: drafts.persons, personKeys: drafts.keys))
        // Routes and verdicts follow the new credit at once, as after a sync.
        if outcome.written > 0 {
            _ = try await RouteKeeper(mapping: mapping, timeZone: RegionCalendar(mapping).timeZone).update(
                ledger: ledger, now: now, persons: Set(drafts.entries.map(\.person)))
        }
        let person = sheet.lines.first?.person
        return Result(
            written: outcome.written == 1, module: module.id, hours: module.hours,
            person: person?.id ?? PersonID("P-\(snils.digits)"), name: person?.fullName ?? input.snils)
    }
}
