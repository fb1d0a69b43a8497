import BridgeSync
import CreditCore
import CreditReports
import Foundation

/// Re-credit a module's standing credits at its hours of today, when a registrar decides that the
/// hours changed (the mapping files, or a course's hours field in Moodle) should apply to credits
/// already given: for each credit at other hours, a reversal and a new credit at the new hours,
/// same person, module, form and day — written in one batch, so nothing is half re-credited.
///
/// The sync and the reconciliation report only ever report such a difference; nothing is rewritten
/// until this is run. A credit that an issued document certifies stays behind that document as
/// issued; the result names each such document, as ``ReverseCredit`` does.
public struct RehourCredits: Sendable {
    public struct Input: Sendable {
        public var module: String
        /// The new hours, when the module is not in the mapping files (a course mapped by its own
        /// hours field); for a mapped module it must equal the mapping's hours when given.
        public var hours: Int?
        /// Only credits that occurred on or after this day (dd.mm.yyyy).
        public var fromDate: String?
        /// The document that orders the change, and why.
        public var document: String
        public var reason: String
        public var `operator`: String
        public var dryRun: Bool

        public init(
            module: String, hours: Int? = nil, fromDate: String? = nil, document: String, reason: String,
            operator: String, dryRun: Bool = false
        ) {
            self.module = module
            self.hours = hours
            self.fromDate = fromDate
            self.document = document
            self.reason = reason
            self.operator = `operator`
            self.dryRun = dryRun
        }
    }

    public struct Change: Hashable, Sendable, Encodable {
        public var credit: String
        public var person: String
        public var oldHours: Int
        public var newHours: Int
        public var occurredOn: String
    }

    public struct Result: Sendable {
        public var module: String
        public var hours: Int
        public var changes: [Change]
        /// Entries written (a reversal and a credit per change); 0 in a dry run.
        public var written: Int
        public var dryRun: Bool
        /// Issued, not cancelled documents that certify a re-credited credit: they stay as issued.
        public var documents: [DocumentReliance]
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        let moduleID = ModuleID(input.module)
        let mapped = mapping.module(moduleID)
        let hours: CreditHours
        switch (mapped, input.hours) {
        case (let module?, nil): hours = module.hours
        case (let module?, let given?):
            guard given == module.hours.value else {
                throw ApplicationError(
                    .invalidValue,
                    "module \(moduleID) has \(module.hours.value) h in the mapping files, not \(given): correct the mapping first, or leave out --hours"
                )
            }
            hours = module.hours
        case (nil, let given?):
            guard Program.defaultModuleHours.contains(given) else {
                throw ApplicationError(
                    .invalidValue,
                    "--hours \(given) is outside \(Program.defaultModuleHours.lowerBound)…\(Program.defaultModuleHours.upperBound)")
            }
            hours = CreditHours(given)
        case (nil, nil):
            throw ApplicationError(
                .unknown, "module \(moduleID) is not in the mapping files: give its new hours with --hours")
        }
        let region = RegionCalendar(mapping)
        var from: Date?
        if let text = input.fromDate {
            guard let day = region.day(text) else {
                throw ApplicationError(.invalidValue, "--from-date '\(text)' is not a day (dd.mm.yyyy)")
            }
            from = day
        }
        let ledger = try await self.ledger()
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let credits = snapshot.standingCredits.filter { credit in
            credit.module == moduleID && credit.hours != hours && from.map { credit.occurredAt >= $0 } ?? true
        }
        if credits.isEmpty, !snapshot.standingCredits.contains(where: { $0.module == moduleID }) {
            throw ApplicationError(.unknown, "no standing credit of module \(moduleID) in the ledger")
        }
        let changes = credits.map { credit in
            Change(
                credit: credit.entry.rawValue, person: credit.person.rawValue, oldHours: credit.hours.value,
                newHours: hours.value, occurredOn: region.iso(credit.occurredAt))
        }
        var written = 0
        if !input.dryRun, !credits.isEmpty {
            let source = EntrySource.manual(operator: input.operator, document: input.document)
            let drafts = credits.flatMap { credit in
                [
                    LedgerBatch.Draft(
                        person: credit.person, module: credit.module, hours: credit.hours, form: credit.form,
                        kind: .reversal(of: credit.entry), occurredAt: now, source: source,
                        idempotencyKey: Reversal.key(of: credit.entry), note: "re-houred: \(input.reason)"),
                    LedgerBatch.Draft(
                        person: credit.person, module: credit.module, hours: hours, form: credit.form,
                        occurredAt: credit.occurredAt, source: source,
                        idempotencyKey: "rehour/\(credit.entry)/\(hours.value)",
                        note: "\(credit.entry) re-credited at \(hours.value) h (was \(credit.hours.value) h, \(credit.source.canonicalText)): \(input.reason)"),
                ]
            }
            let outcome = try await ledger.append(
                LedgerBatch(
                    id: BatchID("rehour-\(UUID().uuidString.prefix(8).lowercased())"), kind: .manual,
                    actor: input.operator,
                    description: "re-hour of \(moduleID) to \(hours.value) h: \(input.document)", recordedAt: now,
                    entries: drafts))
            written = outcome.written
            _ = try await RouteKeeper(mapping: mapping, timeZone: region.timeZone).update(
                ledger: ledger, now: now, persons: Set(credits.map(\.person)))
        }
        let documents =
            input.dryRun
            ? [] : DocumentReliance.find(in: snapshot.documents, reversed: Set(credits.map(\.entry)))
        return Result(
            module: moduleID.rawValue, hours: hours.value, changes: changes, written: written, dryRun: input.dryRun,
            documents: documents)
    }
}
