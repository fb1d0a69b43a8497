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
    /// The chain's verdict over `entries`, then, when the chain holds, the merge log's chain, then
    /// the materialised state against the projection of the same entries under the merges in force.
    public static func verify(
        _ entries: [(entry: LedgerEntry, storedHash: String)], head: (hash: String, count: Int),
        materialised: MaterialisedStanding, merges: [RecordedPersonMerge] = []
    ) -> LedgerVerification {
        var verification = LedgerChain.verify(entries, head: head)
        guard verification.isIntact else { return verification }
        if let problem = PersonMergeChain.verify(merges) {
            verification.problem = problem
            return verification
        }
        verification.problem = LedgerProjection(
            entries: entries.lazy.map { $0.entry }, merges: PersonMerges(merges.map(\.merge))
        ).difference(from: materialised)
        return verification
    }
}
