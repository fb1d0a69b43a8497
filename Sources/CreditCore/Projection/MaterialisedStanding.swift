import Foundation

/// The month × form × person rows a ledger keeps of its standing credits, and the offset from UTC
/// their months are counted at.
public struct StandingMonths: Hashable, Sendable {
    public var utcOffsetSeconds: Int
    public var rows: [MonthStanding]

    public init(utcOffsetSeconds: Int, rows: [MonthStanding]) {
        self.utcOffsetSeconds = utcOffsetSeconds
        self.rows = rows
    }
}

/// What a ledger keeps beside its entries so that readers need not derive it again: written in the
/// same transaction as the entries, and checked by `verify` against the ``LedgerProjection`` of the
/// entries. Each part names its table.
public struct MaterialisedStanding: Sendable {
    /// `standing_credits`: every credit no reversal cancels.
    public var credits: [StandingCredit]
    /// `standing_modules`: per person and module, the credit that counts.
    public var modules: [StandingCredit]
    /// `person_totals`: per person, modules and hours.
    public var totals: [PersonTotal]
    /// `standing_months`: per month, form and person, credits and hours.
    public var months: StandingMonths

    public init(credits: [StandingCredit], modules: [StandingCredit], totals: [PersonTotal], months: StandingMonths) {
        self.credits = credits
        self.modules = modules
        self.totals = totals
        self.months = months
    }
}

extension LedgerProjection {
    /// The first difference between what a ledger keeps and what its entries say, naming the table;
    /// nil when they agree.
    public func difference(from stored: MaterialisedStanding) -> LedgerVerification.Problem? {
        func differs<T: Hashable>(
            _ table: String, expected: [T], found: [T], describe: (T) -> String
        ) -> LedgerVerification.Problem? {
            let expectedSet = Set(expected), foundSet = Set(found)
            if let missing = expected.first(where: { !foundSet.contains($0) }) {
                return .derivedStateDiffers(table: table, detail: "it lacks \(describe(missing))")
            }
            if let extra = found.first(where: { !expectedSet.contains($0) }) {
                return .derivedStateDiffers(
                    table: table, detail: "it holds \(describe(extra)), which the entries do not give")
            }
            if expected.count != found.count {
                return .derivedStateDiffers(
                    table: table, detail: "it holds \(found.count) rows where the entries give \(expected.count)")
            }
            return nil
        }
        func credit(_ credit: StandingCredit) -> String {
            "\(credit.entry) (\(credit.person), \(credit.module), \(credit.hours.value) h)"
        }
        let persons = self.persons
        return differs("standing_credits", expected: standingCredits, found: stored.credits, describe: credit)
            ?? differs(
                "standing_modules", expected: persons.flatMap { standing(of: $0).modules }, found: stored.modules,
                describe: credit)
            ?? differs(
                "person_totals", expected: personTotals(), found: stored.totals,
                describe: { "\($0.person): \($0.modules) module(s), \($0.hours.value) h" })
            ?? differs(
                "standing_months", expected: months(utcOffsetSeconds: stored.months.utcOffsetSeconds),
                found: stored.months.rows,
                describe: {
                    "\($0.key.person) in \($0.key.month) (\($0.key.form.rawValue)): \($0.credits) credit(s), \($0.hours.value) h"
                })
    }
}

extension LedgerVerification {
    /// The first pass of `verify`: the entries streamed in ledger order, one at a time, each
    /// checked against the chain as it comes; nothing of them is kept. The derived state is checked
    /// afterwards, a slice of persons at a time (``SliceCheck``).
    public struct Streamed: Sendable {
        private var previous = LedgerChain.genesis
        /// Entries seen so far.
        public private(set) var count = 0
        /// Where the chain broke, once it has.
        public private(set) var broken: Problem?

        public init() {}

        /// Takes the next entry; false once the chain is broken (the rest need not be read).
        @discardableResult
        public mutating func add(_ entry: LedgerEntry, storedHash: String) -> Bool {
            guard broken == nil else { return false }
            count += 1
            guard LedgerChain.hash(of: entry, following: previous) == storedHash else {
                broken = .entryAltered(position: count, id: entry.id)
                return false
            }
            previous = storedHash
            return true
        }

        /// The chain's verdict: the entries against the head the store recorded, then the merge
        /// log's chain.
        public func finish(head: (hash: String, count: Int), merges: [RecordedPersonMerge] = []) -> LedgerVerification {
            if let broken { return LedgerVerification(entriesChecked: count, headHash: previous, problem: broken) }
            if count != head.count || previous != head.hash {
                return LedgerVerification(
                    entriesChecked: count, headHash: previous,
                    problem: count < head.count ? .entriesMissing(expected: head.count, found: count) : .headMismatch)
            }
            return LedgerVerification(
                entriesChecked: count, headHash: previous, problem: PersonMergeChain.verify(merges))
        }
    }
}
