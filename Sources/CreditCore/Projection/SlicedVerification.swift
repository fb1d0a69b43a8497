import Foundation

/// What `verify` is asked to check beyond the chain, and how much of the ledger it may hold at once.
public struct VerificationScope: Sendable {
    /// The programs, to judge every route's recorded verdict by; nil when there are no mapping
    /// files, and then routes are not judged.
    public var programs: (@Sendable (ProgramID) -> Program?)?
    /// The moment route verdicts are judged at.
    public var now: Date
    /// About how many entries one slice of persons holds: the derived state is checked one slice
    /// at a time, so memory follows this, not the ledger's size.
    public var entriesPerSlice: Int

    /// 50,000 entries: a slice of a million-entry ledger takes some tens of megabytes.
    public static let defaultEntriesPerSlice = 50_000

    public init(
        programs: (@Sendable (ProgramID) -> Program?)? = nil, now: Date = Date(),
        entriesPerSlice: Int = defaultEntriesPerSlice
    ) {
        self.programs = programs
        self.now = now
        self.entriesPerSlice = max(1, entriesPerSlice)
    }
}

/// A range of person ids in the store's own order: from `lower` (included) to `upper` (excluded),
/// nil being open. The ranges ``Cutter`` makes cover every id exactly once, so rows of a person
/// the entries do not know still fall in one of them.
public struct PersonRange: Hashable, Sendable {
    public var lower: PersonID?
    public var upper: PersonID?

    public init(lower: PersonID?, upper: PersonID?) {
        self.lower = lower
        self.upper = upper
    }

    /// Cuts the persons, given in the store's order with their entry counts, into ranges of about
    /// `entriesPerSlice` entries each (a person's entries are never split).
    public struct Cutter: Sendable {
        private let entriesPerSlice: Int
        private var lower: PersonID?
        private var held = 0
        public private(set) var ranges: [PersonRange] = []

        public init(entriesPerSlice: Int) { self.entriesPerSlice = max(1, entriesPerSlice) }

        public mutating func add(_ person: PersonID, entries: Int) {
            if held > 0 && held + entries > entriesPerSlice {
                ranges.append(PersonRange(lower: lower, upper: person))
                lower = person
                held = 0
            }
            held += entries
        }

        /// Every range: the last one is open above.
        public func finish() -> [PersonRange] { ranges + [PersonRange(lower: lower, upper: nil)] }
    }
}

/// What a store reads of one ``PersonRange`` for `verify`: the persons' credit entries and the
/// reversals of those credits, the standing tables' rows, the routes, the person rows and their
/// registry events.
public struct PersonSlice: Sendable {
    /// A reversal entry by what the check needs: the credit it cancels and whose that credit is.
    public struct Reversal: Sendable {
        public var id: EntryID
        public var occurredAt: Date
        public var target: EntryID
        public var targetPerson: PersonID

        public init(id: EntryID, occurredAt: Date, target: EntryID, targetPerson: PersonID) {
            self.id = id
            self.occurredAt = occurredAt
            self.target = target
            self.targetPerson = targetPerson
        }
    }

    /// Every credit entry of the range's persons, reversed or not, with the person the entry names.
    public var credits: [StandingCredit]
    public var reversals: [Reversal]
    /// The standing tables' rows of the range's persons.
    public var stored: MaterialisedStanding
    public var routes: [StoredRoute]
    public var persons: [Person]
    public var personEvents: [RecordedPersonEvent]

    public init(
        credits: [StandingCredit], reversals: [Reversal], stored: MaterialisedStanding, routes: [StoredRoute],
        persons: [Person], personEvents: [RecordedPersonEvent]
    ) {
        self.credits = credits
        self.reversals = reversals
        self.stored = stored
        self.routes = routes
        self.persons = persons
        self.personEvents = personEvents
    }

    /// The entries the slice holds.
    public var entries: Int { credits.count + reversals.count }
}

extension LedgerVerification {
    /// The second pass of `verify`: the derived state (standing tables, routes' verdicts, person
    /// rows) checked against the entries one ``PersonSlice`` at a time, so that memory follows a
    /// slice, not the ledger. Persons a merge names (on either side) count together wherever
    /// their ids fall, so their rows are set aside as the slices pass and checked together last.
    public struct SliceCheck: Sendable {
        private let merges: PersonMerges
        private let involved: Set<PersonID>
        private let scope: VerificationScope
        private var aside = LedgerProjection.Gatherer()
        private var asideStored: MaterialisedStanding?
        private var asideRoutes: [StoredRoute] = []
        /// The first standing table found to differ from the entries.
        public private(set) var standingProblem: Problem?
        /// The first person row found to differ from its registry events.
        public private(set) var personProblem: Problem?
        /// The first route whose recorded verdict differs from its credits'.
        public private(set) var routeProblem: Problem?
        /// The most entries one slice held.
        public private(set) var largestSlice = 0

        public init(merges: [RecordedPersonMerge], scope: VerificationScope) {
            self.merges = PersonMerges(merges.map(\.merge))
            self.involved = self.merges.involved
            self.scope = scope
        }

        /// Whether a later slice can still change the verdict (a standing table found to differ
        /// outranks everything the slices find).
        public var wantsMore: Bool { standingProblem == nil }

        /// Checks one slice.
        public mutating func check(_ slice: PersonSlice) {
            largestSlice = max(largestSlice, slice.entries)
            var own = LedgerProjection.Gatherer()
            for credit in slice.credits {
                if involved.contains(credit.person) { aside.add(credit: credit) } else { own.add(credit: credit) }
            }
            for reversal in slice.reversals {
                if involved.contains(reversal.targetPerson) {
                    aside.add(reversal: reversal.id, occurredAt: reversal.occurredAt, target: reversal.target)
                } else {
                    own.add(reversal: reversal.id, occurredAt: reversal.occurredAt, target: reversal.target)
                }
            }
            let (stored, storedAside) = slice.stored.split { involved.contains($0) }
            asideStored = asideStored.map { $0.appending(storedAside) } ?? storedAside
            asideRoutes += slice.routes.filter { involved.contains($0.route.person) }
            judge(
                LedgerProjection(gathered: own), stored: stored,
                routes: slice.routes.filter { !involved.contains($0.route.person) })
            if personProblem == nil {
                personProblem = LedgerAudit.personProblem(slice.persons, events: slice.personEvents)
            }
        }

        /// Checks what the slices set aside: the merged persons, under the merges in force.
        public mutating func finish() {
            guard let asideStored, wantsMore else { return }
            judge(LedgerProjection(gathered: aside, merges: merges), stored: asideStored, routes: asideRoutes)
        }

        private mutating func judge(_ projection: LedgerProjection, stored: MaterialisedStanding, routes: [StoredRoute]) {
            if standingProblem == nil { standingProblem = projection.difference(from: stored) }
            if routeProblem == nil, let programs = scope.programs {
                routeProblem = LedgerAudit.routeProblem(routes, projection: projection, program: programs, now: scope.now)
            }
        }

        /// The whole verdict, each kind of problem in its rank: the chain (`chain`), the standing
        /// tables, the checkpoint, the documents and number series (`records`), the persons, the
        /// routes.
        public func verdict(
            chain: LedgerVerification, checkpoint: Problem?, records: Problem?
        ) -> LedgerVerification {
            var verification = chain
            verification.largestSlice = largestSlice
            if verification.isIntact {
                verification.problem = standingProblem ?? checkpoint ?? records ?? personProblem ?? routeProblem
            }
            return verification
        }
    }
}

extension MaterialisedStanding {
    /// The rows of persons `aside` picks, and the rest.
    func split(_ aside: (PersonID) -> Bool) -> (kept: MaterialisedStanding, aside: MaterialisedStanding) {
        func parts<T>(_ rows: [T], _ person: (T) -> PersonID) -> ([T], [T]) {
            (rows.filter { !aside(person($0)) }, rows.filter { aside(person($0)) })
        }
        let credits = parts(credits, \.person), modules = parts(modules, \.person)
        let totals = parts(totals, \.person), months = parts(months.rows, \.key.person)
        let offset = self.months.utcOffsetSeconds
        return (
            MaterialisedStanding(
                credits: credits.0, modules: modules.0, totals: totals.0,
                months: StandingMonths(utcOffsetSeconds: offset, rows: months.0)),
            MaterialisedStanding(
                credits: credits.1, modules: modules.1, totals: totals.1,
                months: StandingMonths(utcOffsetSeconds: offset, rows: months.1))
        )
    }

    func appending(_ other: MaterialisedStanding) -> MaterialisedStanding {
        MaterialisedStanding(
            credits: credits + other.credits, modules: modules + other.modules, totals: totals + other.totals,
            months: StandingMonths(utcOffsetSeconds: months.utcOffsetSeconds, rows: months.rows + other.months.rows))
    }
}
