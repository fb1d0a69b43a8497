import Foundation

/// Applies the accumulation rules of a program to a route's ledger entries.
///
/// The rules:
/// - only credits of the route's person that occurred inside the route's window (and no later than
///   `asOf`) count, and only in modules of the program whose hours lie in the program's bounds;
/// - a reversal cancels the credit it points at;
/// - a module counts once per route, whichever site or form it came from: the earliest credit wins;
/// - in an ordered trajectory a module counts only after every module listed before it;
/// - a free-choice route completes when the hours reach the target, a trajectory when every module
///   is counted; the completion date is that of the credit that made it so;
/// - a route not completed by its deadline is expired, and its statement lists what was passed.
///
/// The result depends only on the set of entries: not on their order, nor on duplicates.
///
/// ```swift
/// let progress = Accumulator(program: program).progress(of: route, entries: entries, asOf: now)
/// progress.status        // .completed
/// progress.completedAt   // the date of the credit that crossed 72 h
/// ```
public struct Accumulator: Sendable {
    public var program: Program

    public init(program: Program) {
        self.program = program
    }

    /// Computes the route's progress from the ledger entries, as it stands at `asOf`.
    ///
    /// - Parameters:
    ///   - route: The route; its program must be ``program``.
    ///   - entries: Ledger entries; entries of other persons are left out.
    ///   - asOf: The moment of the verdict (credits after it are not counted; the route expires
    ///     when `asOf` reaches its deadline).
    public func progress(
        of route: Route, entries: some Sequence<LedgerEntry>, asOf: Date
    ) -> RouteProgress {
        LedgerProjection(entries: entries.filter { $0.person == route.person })
            .progress(of: route, program: program, asOf: asOf)
    }

    /// Computes the route's progress from the person's credits, given in canonical order
    /// (``StandingCredit/canonicallyBefore(_:_:)``); `reversal` names the reversal that cancels a
    /// credit, if one does. ``LedgerProjection`` calls it.
    func progress(
        of route: Route, credits: [StandingCredit], reversal: (EntryID) -> EntryID?, asOf: Date
    ) -> RouteProgress {
        var tally = Tally(program: program)
        var ignored: [IgnoredCredit] = []

        for credit in credits where credit.person == route.person {
            if let reason = reasonToIgnore(credit, route: route, asOf: asOf, reversal: reversal, tally: tally) {
                ignored.append(IgnoredCredit(entry: credit.entry, module: credit.module, reason: reason))
            } else {
                tally.count(credit)
            }
        }

        let status = RouteProgress.Status.of(completed: tally.completion != nil, asOf: asOf, deadline: route.deadline)
        let statement =
            status == .expired
            ? Statement(
                route: route.id, person: route.person, program: route.program,
                modules: tally.counted, totalHours: tally.hours)
            : nil
        return RouteProgress(
            route: route.id, status: status, counted: tally.counted, hoursCredited: tally.hours,
            remaining: max(.zero, program.targetHours - tally.hours),
            completedAt: tally.completion?.occurredAt, completingEntry: tally.completion?.entry,
            missingModules: tally.missingModules, statement: statement, ignored: ignored)
    }

    private func reasonToIgnore(
        _ credit: StandingCredit, route: Route, asOf: Date, reversal: (EntryID) -> EntryID?, tally: Tally
    ) -> IgnoredCredit.Reason? {
        if let reversal = reversal(credit.entry) { return .reversed(by: reversal) }
        if credit.occurredAt > asOf { return .notYetOccurred }
        if !route.contains(credit.occurredAt) { return .outsideWindow }
        if !program.includes(credit.module) { return .notInProgram }
        if !program.moduleHours.contains(credit.hours.value) { return .hoursOutOfBounds }
        if let earlier = tally.entry(for: credit.module) { return .alreadyCounted(by: earlier) }
        if !tally.predecessorsCounted(for: credit.module) { return .outOfOrder }
        return nil
    }
}
