import Foundation

/// The one derivation of the ledger's state: entries (credits and reversals) → standing credits →
/// each person's modules and hours → each route's progress and verdict. Every reader (the sync's
/// checks and route update, the documents, every report, both ledger backends' `verify`) reads
/// the ledger through it.
///
/// The rules:
/// - a reversal cancels the credit it names, whenever it was written; a credit no reversal cancels
///   is *standing*;
/// - a person merged into another (``PersonMerges``) counts as that one: its credits are the other's;
/// - a person's module counts once: its earliest standing credit (by when it occurred, then by
///   entry id) gives its hours;
/// - a route's progress is the ``Accumulator``'s verdict over the person's credits.
///
/// Duplicates (the same entry id or idempotency key) are kept once, and nothing depends on the
/// order entries are given in.
///
/// ```swift
/// let projection = LedgerProjection(entries: try await ledger.entries(person: nil))
/// projection.standing(of: "P-1").hours                    // 72 h, each module once
/// projection.progress(of: route, program: program, asOf: now).status
/// ```
public struct LedgerProjection: Sendable {
    /// Each person's credits in canonical order: every credit when built from entries, the standing
    /// ones when built from a ledger's standing credits.
    private var creditsByPerson: [PersonID: [StandingCredit]] = [:]
    /// The reversal that cancels a credit (the earliest one, when a credit was reversed twice).
    private var reversalByCredit: [EntryID: EntryID] = [:]
    /// The merges in force: whom each person's credits count for.
    public private(set) var merges = PersonMerges()

    /// The projection of ledger entries, all or some persons', under the merges in force.
    public init(entries: some Sequence<LedgerEntry>, merges: PersonMerges = PersonMerges()) {
        self.merges = merges
        var seenIDs: Set<EntryID> = []
        var seenKeys: Set<String> = []
        let ordered = entries.sorted {
            ($0.occurredAt, $0.id.rawValue, $0.idempotencyKey) < ($1.occurredAt, $1.id.rawValue, $1.idempotencyKey)
        }
        for entry in ordered {
            guard seenIDs.insert(entry.id).inserted, seenKeys.insert(entry.idempotencyKey).inserted else { continue }
            switch entry.kind {
            case .credit:
                var credit = StandingCredit(entry)
                credit.person = merges.canonical(entry.person)
                creditsByPerson[credit.person, default: []].append(credit)
            case .reversal(let target):
                if reversalByCredit[target] == nil { reversalByCredit[target] = entry.id }
            }
        }
    }

    /// The projection of credits already known to stand (a ledger's materialised standing credits,
    /// whose persons are already the ones they count for under `merges`).
    public init(standingCredits: some Collection<StandingCredit>, merges: PersonMerges = PersonMerges()) {
        self.merges = merges
        // Each person's array made at its final size and sorted in place: on a large ledger the
        // credits are held once, not also in growth slack and sorted copies.
        var counts: [PersonID: Int] = [:]
        for credit in standingCredits { counts[credit.person, default: 0] += 1 }
        creditsByPerson.reserveCapacity(counts.count)
        for (person, count) in counts {
            var credits: [StandingCredit] = []
            credits.reserveCapacity(count)
            creditsByPerson[person] = credits
        }
        counts = [:]
        for credit in standingCredits { creditsByPerson[credit.person]?.append(credit) }
        for person in Array(creditsByPerson.keys) {
            creditsByPerson[person]?.sort(by: StandingCredit.canonicallyBefore)
        }
    }

    /// What the projection keeps of entries given one at a time, as a streamed read gives them:
    /// each credit's standing fields and each reversal's target, never the entries themselves.
    /// The entries of one ledger are unique by id and idempotency key, so none is a duplicate.
    public struct Gatherer: Sendable {
        var credits: [StandingCredit] = []
        var reversals: [(occurredAt: Date, id: EntryID, target: EntryID)] = []

        public init() {}

        public mutating func add(_ entry: LedgerEntry) {
            switch entry.kind {
            case .credit: credits.append(StandingCredit(entry))
            case .reversal(let target): reversals.append((entry.occurredAt, entry.id, target))
            }
        }

        /// A credit entry, by its standing fields.
        public mutating func add(credit: StandingCredit) { credits.append(credit) }

        /// A reversal entry, by what the projection needs of it.
        public mutating func add(reversal id: EntryID, occurredAt: Date, target: EntryID) {
            reversals.append((occurredAt, id, target))
        }

        /// The entries given so far.
        public var count: Int { credits.count + reversals.count }
    }

    /// The projection of the entries `gathered` was given: the same as ``init(entries:merges:)`` of them.
    public init(gathered: Gatherer, merges: PersonMerges = PersonMerges()) {
        self.merges = merges
        for var credit in gathered.credits.sorted(by: StandingCredit.canonicallyBefore) {
            credit.person = merges.canonical(credit.person)
            creditsByPerson[credit.person, default: []].append(credit)
        }
        let reversals = gathered.reversals.sorted { ($0.occurredAt, $0.id.rawValue) < ($1.occurredAt, $1.id.rawValue) }
        for reversal in reversals where reversalByCredit[reversal.target] == nil {
            reversalByCredit[reversal.target] = reversal.id
        }
    }

    /// Persons with at least one credit, by id.
    public var persons: [PersonID] { creditsByPerson.keys.sorted() }

    /// The reversal that cancels `credit`, if one does.
    public func reversal(of credit: EntryID) -> EntryID? { reversalByCredit[credit] }

    /// Whether a reversal cancels `credit`.
    public func isReversed(_ credit: EntryID) -> Bool { reversalByCredit[credit] != nil }

    /// A person's standing credits, in canonical order.
    public func standingCredits(of person: PersonID) -> [StandingCredit] {
        (creditsByPerson[person] ?? []).filter { reversalByCredit[$0.entry] == nil }
    }

    /// Every standing credit, person by person, each person's in canonical order.
    public var standingCredits: [StandingCredit] { persons.flatMap { standingCredits(of: $0) } }

    /// A person's modules, each once, and their hours.
    public func standing(of person: PersonID) -> PersonStanding {
        PersonStanding(person: person, standingCredits: standingCredits(of: person))
    }

    /// Per person: modules credited (each once) and their hours, by person id.
    public func personTotals() -> [PersonTotal] {
        persons.map { standing(of: $0).total }.filter { $0.modules > 0 }
    }

    /// Per month (at a fixed offset from UTC), form and person: the standing credits and their hours.
    public func months(utcOffsetSeconds: Int) -> [MonthStanding] {
        var rows: [MonthStanding.Key: MonthStanding] = [:]
        for person in creditsByPerson.keys {
            for credit in standingCredits(of: person) {
                let key = MonthStanding.Key(
                    month: YearMonth(credit.occurredAt, utcOffsetSeconds: utcOffsetSeconds), form: credit.form,
                    person: person)
                rows[key, default: MonthStanding(key: key, credits: 0, hours: .zero)].add(credit.hours)
            }
        }
        return rows.values.sorted()
    }

    /// Standing credits by month (at a fixed offset from UTC), form and learner category: distinct
    /// learners, credits and hours. `category` gives each person's category.
    public func monthlyTotals(
        utcOffsetSeconds: Int, category: (PersonID) -> LearnerCategory
    ) -> [MonthlyTotal] {
        MonthlyTotal.totals(of: months(utcOffsetSeconds: utcOffsetSeconds), category: category)
    }

    /// The route's progress and verdict as it stands at `asOf`, by the program's rules.
    public func progress(of route: Route, program: Program, asOf: Date) -> RouteProgress {
        Accumulator(program: program).progress(
            of: route, credits: creditsByPerson[merges.canonical(route.person)] ?? [],
            reversal: { reversalByCredit[$0] }, asOf: asOf)
    }
}

/// One person's standing: each module once (its earliest standing credit) and the hours they make.
public struct PersonStanding: Hashable, Sendable {
    public var person: PersonID
    /// The credit that counts for each module, by module id.
    public var modules: [StandingCredit]

    /// The standing of `person` given their standing credits (in any order).
    public init(person: PersonID, standingCredits: some Sequence<StandingCredit>) {
        var first: [ModuleID: StandingCredit] = [:]
        for credit in standingCredits where credit.person == person {
            if let known = first[credit.module], !StandingCredit.canonicallyBefore(credit, known) { continue }
            first[credit.module] = credit
        }
        self.person = person
        self.modules = first.values.sorted { $0.module < $1.module }
    }

    /// The hours of the modules, each counted once.
    public var hours: CreditHours { modules.reduce(.zero) { $0 + $1.hours } }

    public var total: PersonTotal { PersonTotal(person: person, modules: modules.count, hours: hours) }
}

/// The standing credits of one person in one month and form.
public struct MonthStanding: Hashable, Sendable, Comparable {
    public struct Key: Hashable, Sendable {
        public var month: YearMonth
        public var form: StudyForm
        public var person: PersonID

        public init(month: YearMonth, form: StudyForm, person: PersonID) {
            self.month = month
            self.form = form
            self.person = person
        }
    }

    public var key: Key
    public var credits: Int
    public var hours: CreditHours

    public init(key: Key, credits: Int, hours: CreditHours) {
        self.key = key
        self.credits = credits
        self.hours = hours
    }

    mutating func add(_ hours: CreditHours) {
        credits += 1
        self.hours = self.hours + hours
    }

    public static func < (lhs: MonthStanding, rhs: MonthStanding) -> Bool {
        (lhs.key.month, lhs.key.form.rawValue, lhs.key.person.rawValue)
            < (rhs.key.month, rhs.key.form.rawValue, rhs.key.person.rawValue)
    }
}

extension MonthlyTotal {
    /// Month × form × category totals from the per-person month rows.
    public static func totals(
        of months: some Sequence<MonthStanding>, category: (PersonID) -> LearnerCategory
    ) -> [MonthlyTotal] {
        var cells: [MonthlyCell: MonthlyTotal] = [:]
        for row in months where row.credits > 0 {
            let cell = MonthlyCell(month: row.key.month, form: row.key.form, category: category(row.key.person))
            var total =
                cells[cell]
                ?? MonthlyTotal(
                    month: cell.month, form: cell.form, category: cell.category, learners: 0, credits: 0, hours: .zero)
            total.learners += 1
            total.credits += row.credits
            total.hours = total.hours + row.hours
            cells[cell] = total
        }
        return cells.values.sorted {
            ($0.month, $0.form.rawValue, $0.category.rawValue) < ($1.month, $1.form.rawValue, $1.category.rawValue)
        }
    }
}

/// A month, form and learner category: the cell monthly totals are kept by.
private struct MonthlyCell: Hashable {
    var month: YearMonth
    var form: StudyForm
    var category: LearnerCategory
}
