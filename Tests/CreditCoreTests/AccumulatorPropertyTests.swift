import CreditCore
import Foundation
import Testing

/// Properties of the accumulation rules over many seeded random ledgers.
///
/// Each case prints its seed on failure; `RandomLedger(seed:)` rebuilds it exactly.
@Suite("Accumulation: properties")
struct AccumulatorPropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test("entry order never changes the result", arguments: seeds)
    func orderDoesNotMatter(seed: UInt64) {
        let ledger = RandomLedger(seed: seed)
        var rng = SplitMix64(seed: seed ^ 0xABCD)
        let shuffled = ledger.entries.shuffled(using: &rng)
        #expect(ledger.progress(shuffled) == ledger.progress(), "seed \(seed)")
    }

    @Test("duplicating entries changes nothing", arguments: seeds)
    func duplicatesChangeNothing(seed: UInt64) {
        let ledger = RandomLedger(seed: seed)
        var rng = SplitMix64(seed: seed ^ 0x1234)
        let doubled = (ledger.entries + ledger.entries.filter { _ in Bool.random(using: &rng) })
            .shuffled(using: &rng)
        #expect(ledger.progress(doubled) == ledger.progress(), "seed \(seed)")
    }

    @Test("a reversal exactly cancels its credit", arguments: seeds)
    func reversalCancelsCredit(seed: UInt64) {
        let ledger = RandomLedger(seed: seed)
        for (number, credit) in ledger.liveCredits.enumerated() {
            let reversed = ledger.entries + [RandomLedger.reversal(of: credit, number: 1000 + number)]
            let without = ledger.entries.filter { $0.id != credit.id }
            #expect(
                Verdict(ledger.progress(reversed)) == Verdict(ledger.progress(without)),
                "seed \(seed), credit \(credit.id)")
        }
    }

    @Test("totals never go negative nor pass the sum of distinct modules' hours", arguments: seeds)
    func totalsAreBounded(seed: UInt64) {
        let ledger = RandomLedger(seed: seed)
        let progress = ledger.progress()
        let distinctHours = Set(ledger.liveCredits.map(\.module)).reduce(0) {
            $0 + ledger.hoursByModule[$1]!
        }
        #expect(progress.hoursCredited.value >= 0, "seed \(seed)")
        #expect(progress.hoursCredited.value <= distinctHours, "seed \(seed)")
        #expect(progress.remaining.value >= 0, "seed \(seed)")
        #expect(progress.hoursCredited == progress.counted.reduce(.zero) { $0 + $1.hours }, "seed \(seed)")
        #expect(Set(progress.modulesCounted).count == progress.counted.count, "seed \(seed)")
    }

    @Test("completion happens exactly when the target is reached inside the window", arguments: seeds)
    func completionAtTarget(seed: UInt64) {
        let ledger = RandomLedger(seed: seed)
        let progress = ledger.progress()
        let expected = expectedCompletion(ledger)
        #expect(progress.completedAt == expected, "seed \(seed)")
        #expect((progress.status == .completed) == (expected != nil), "seed \(seed)")
        if let completedAt = progress.completedAt {
            #expect(ledger.route.contains(completedAt) && completedAt <= ledger.asOf, "seed \(seed)")
        } else {
            #expect(progress.status == (ledger.asOf >= ledger.route.deadline ? .expired : .open), "seed \(seed)")
        }
    }

    /// An independent statement of when the route completes: the earliest valid credit per module,
    /// then the first moment the target (or the whole trajectory) is covered.
    private func expectedCompletion(_ ledger: RandomLedger) -> Date? {
        let program = ledger.program
        let valid = ledger.liveCredits.filter {
            ledger.route.contains($0.occurredAt) && $0.occurredAt <= ledger.asOf
                && program.includes($0.module) && program.moduleHours.contains($0.hours.value)
        }
        switch program.kind {
        case .freeChoice:
            var earliest: [ModuleID: LedgerEntry] = [:]
            for credit in valid where earliest[credit.module].map({ credit.occurredAt < $0.occurredAt }) ?? true {
                earliest[credit.module] = credit
            }
            var total = 0
            for credit in earliest.values.sorted(by: { $0.occurredAt < $1.occurredAt }) {
                total += credit.hours.value
                if total >= program.targetHours.value { return credit.occurredAt }
            }
            return nil
        case .trajectory(let modules, let isOrdered):
            // In order: each module's first credit no earlier than the previous module's.
            var previous = Date.distantPast
            var latest = Date.distantPast
            for module in modules {
                let dates = valid.filter { $0.module == module }.map(\.occurredAt)
                    .filter { !isOrdered || $0 >= previous }
                guard let first = dates.min() else { return nil }
                previous = first
                latest = max(latest, first)
            }
            return latest
        }
    }
}

@Suite("Accumulation: the random ledgers")
struct RandomLedgerCoverageTests {
    @Test("the seeds reach every status, both program kinds, reversals and ignored credits")
    func seedsCoverTheRules() {
        let ledgers = AccumulatorPropertyTests.seeds.map { RandomLedger(seed: $0) }
        let progresses = ledgers.map { $0.progress() }
        #expect(Set(progresses.map(\.status)) == [.open, .completed, .expired])
        #expect(ledgers.contains { if case .trajectory(_, true) = $0.program.kind { true } else { false } })
        #expect(ledgers.contains { if case .freeChoice = $0.program.kind { true } else { false } })
        let reasons = progresses.flatMap { $0.ignored.map(\.reason) }
        #expect(reasons.contains { if case .reversed = $0 { true } else { false } })
        #expect(reasons.contains { if case .alreadyCounted = $0 { true } else { false } })
        #expect(reasons.contains(.outsideWindow))
        #expect(reasons.contains(.hoursOutOfBounds))
        #expect(reasons.contains(.outOfOrder))
    }
}
