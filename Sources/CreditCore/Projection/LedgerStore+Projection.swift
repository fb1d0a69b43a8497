import Foundation

extension LedgerStore {
    /// One person by id, picked from every person: for a store without a read of its own.
    public func person(id: PersonID) async throws -> Person? {
        try await persons().first { $0.id == id }
    }

    /// Per person: modules credited (each once, reversals removed) and their hours, from the
    /// ledger's materialised per-person state.
    public func personTotals() async throws -> [PersonTotal] {
        try await standingTotals()
    }

    /// Standing credits by month (at the given offset from UTC), form and learner category (a
    /// person the ledger does not know is a teacher): from the ledger's month rows when they are
    /// counted at that offset, else from its standing credits.
    public func monthlyTotals(utcOffsetSeconds: Int) async throws -> [MonthlyTotal] {
        let categories = Dictionary(
            try await persons().map { ($0.id, $0.category) }, uniquingKeysWith: { first, _ in first })
        let months = try await standingMonths()
        let rows =
            months.utcOffsetSeconds == utcOffsetSeconds
            ? months.rows
            : LedgerProjection(standingCredits: try await standingCredits(person: nil))
                .months(utcOffsetSeconds: utcOffsetSeconds)
        return MonthlyTotal.totals(of: rows, category: { categories[$0] ?? .teacher })
    }

    /// The projection of one person's entries and those of every person merged into them: their
    /// standing, and their routes' progress.
    public func projection(of person: PersonID) async throws -> LedgerProjection {
        let merged = try await mergedEntries(of: person)
        return LedgerProjection(entries: merged.entries, merges: merged.merges)
    }

    /// The merges in force.
    public func mergesInForce() async throws -> PersonMerges {
        PersonMerges(try await personMerges().map(\.merge))
    }

    /// The entries of `person` and of every person merged into them, in ledger order per person,
    /// with the merges in force.
    public func mergedEntries(of person: PersonID) async throws -> (entries: [LedgerEntry], merges: PersonMerges) {
        let merges = try await mergesInForce()
        var entries: [LedgerEntry] = []
        for member in merges.members(of: person) { entries += try await self.entries(person: member) }
        return (entries, merges)
    }
}
