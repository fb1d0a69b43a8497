import CreditCore
import Foundation

/// The ledger as it stood at a report's moment (`ReportContext.asOf`): what every builder reads
/// instead of the ledger's latest state.
///
/// - Credits that occurred after the moment are not counted (a reversal cancels its credit whenever
///   it was written: a correction says the credit was never valid).
/// - Routes that had not begun by the moment are left out; every other route is judged at the moment
///   by the accumulator, not taken from the verdict the last sync recorded (a route whose program the
///   mapping no longer has keeps its recorded verdict).
/// - Documents issued after the moment are not issued yet; a cancellation counts from its own issue.
extension LedgerSnapshot {
    /// Standing credits that occurred no later than `moment`, person by person.
    public func standingCredits(asOf moment: Date) -> [StandingCredit] {
        standingCredits.filter { $0.occurredAt <= moment }
    }

    /// The routes begun by `context.asOf`, each with its verdict at that moment.
    public func routes(at context: ReportContext) -> [StoredRoute] {
        routes.compactMap { stored in
            guard stored.route.start <= context.asOf else { return nil }
            guard let program = context.mapping.program(stored.route.program) else { return stored }
            let progress = projection.progress(of: stored.route, program: program, asOf: context.asOf)
            return StoredRoute(
                route: stored.route, status: progress.status, hoursCredited: progress.hoursCredited,
                completedAt: progress.completedAt)
        }
    }

    /// The documents of one kind issued by `moment`, by route (the latest last); documents a
    /// cancellation issued by then cancels are left out.
    public func documents(_ kind: DocumentRequest.Kind, asOf moment: Date) -> [RouteID: IssuedDocument] {
        var issued = self
        issued.documents = documents.filter { $0.request.issuedAt <= moment }
        return issued.documents(kind)
    }
}

extension ReportContext {
    /// The last instant of `day` in the region: the moment `--as-of DAY` describes.
    public func endOfDay(_ day: ReportDay) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return calendar.date(byAdding: .day, value: 1, to: start)!.addingTimeInterval(-1)
    }

    /// The route's last day (its deadline is the first instant outside it).
    public func lastDay(of route: Route) -> ReportDay { day(route.deadline.addingTimeInterval(-1)) }
}
