import CreditCore
import Foundation

/// A random but repeatable case for the accumulation properties: a program, a route and a ledger.
struct RandomLedger {
    let seed: UInt64
    let program: Program
    let route: Route
    let asOf: Date
    let hoursByModule: [ModuleID: Int]
    private(set) var entries: [LedgerEntry] = []

    init(seed: UInt64) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        let moduleCount = Int.random(in: 3...12, using: &rng)
        var hours: [ModuleID: Int] = [:]
        for index in 0..<moduleCount {
            // Mostly inside the default bounds, now and then outside them.
            hours[ModuleID("m\(index)")] =
                Int.random(in: 0..<10, using: &rng) == 0
                ? [1, 40].randomElement(using: &rng)! : Int.random(in: 2...36, using: &rng)
        }
        hoursByModule = hours
        let modules = hours.keys.sorted()
        switch Int.random(in: 0..<3, using: &rng) {
        case 0:
            program = .freeChoice(target: [24, 48, 72].randomElement(using: &rng)!)
        default:
            let listed = Array(modules.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
            program = .trajectory(listed.map(\.rawValue), ordered: Bool.random(using: &rng))
        }
        route = program.route(startingOn: "2026-01-15")
        let span = route.deadline.timeIntervalSince(route.start)
        asOf = route.start.addingTimeInterval(span * Double.random(in: 0.3...1.4, using: &rng))

        for number in 0..<Int.random(in: 0...25, using: &rng) {
            let module = modules.randomElement(using: &rng)!
            // Some credits fall before the start or after the deadline.
            let offset = span * Double.random(in: -0.2...1.2, using: &rng)
            let date = route.start.addingTimeInterval(offset.rounded())
            let credit = LedgerEntry(
                id: EntryID("c\(number)"), person: route.person, module: module,
                hours: CreditHours(hours[module]!), form: StudyForm.allCases.randomElement(using: &rng)!,
                occurredAt: date, recordedAt: date,
                source: .moodle(site: SiteID("s\(number % 2)"), courseID: number, userID: 7),
                idempotencyKey: "credit-\(number)")
            entries.append(credit)
            if Int.random(in: 0..<6, using: &rng) == 0 {
                entries.append(RandomLedger.reversal(of: credit, number: number))
            }
        }
    }

    static func reversal(of credit: LedgerEntry, number: Int) -> LedgerEntry {
        LedgerEntry(
            id: EntryID("r\(number)"), person: credit.person, module: credit.module,
            hours: credit.hours, form: credit.form, kind: .reversal(of: credit.id),
            occurredAt: credit.occurredAt.addingTimeInterval(3600), recordedAt: credit.occurredAt,
            source: .manual(operator: "registrar", document: "order \(number)"),
            idempotencyKey: "reversal-\(number)")
    }

    func progress(_ entries: [LedgerEntry]? = nil) -> RouteProgress {
        Accumulator(program: program).progress(of: route, entries: entries ?? self.entries, asOf: asOf)
    }

    /// The credits that are neither reversed nor reversals themselves.
    var liveCredits: [LedgerEntry] {
        let reversed = Set(
            entries.compactMap { entry -> EntryID? in
                if case .reversal(let target) = entry.kind { return target }
                return nil
            })
        return entries.filter { $0.isCredit && !reversed.contains($0.id) }
    }
}

/// The part of a verdict that credit and reversal decide; the list of ignored credits aside.
struct Verdict: Equatable {
    let status: RouteProgress.Status
    let counted: [CountedCredit]
    let hours: CreditHours
    let completedAt: Date?
    let statement: Statement?

    init(_ progress: RouteProgress) {
        status = progress.status
        counted = progress.counted
        hours = progress.hoursCredited
        completedAt = progress.completedAt
        statement = progress.statement
    }
}
