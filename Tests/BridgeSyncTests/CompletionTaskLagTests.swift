import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// Moodle's completion task (cron) aggregates course completion after its criteria are met; until it
/// runs, a course can read not complete while every criterion reads complete. That is lag, never a
/// revocation — not even on a site that reverses revocations.
@Suite("Moodle's completion task lag", .serialized)
struct CompletionTaskLagTests {
    @Test("criteria complete, course not aggregated: a finding, no reversal; the task runs: nothing more")
    func lagIsNotRevocation() async throws {
        let region = try await TwoSiteRegion()
        let first = await region.sync(full: true, timeout: .seconds(120))
        #expect(first.failures.map(\.message) == [])
        let credits = try await region.ledger.entries(person: nil)
        // A credited pair of each site: north (classic, reverses revocations) and ripk (report path).
        var withheld: [(site: SiteID, server: FakeMoodleServer)] = []
        for (site, server) in [(SiteID("north"), region.north), (SiteID("ripk"), region.ripk)] {
            let credited = try #require(
                credits.compactMap { entry -> (Int, Int)? in
                    guard case .moodle(site, let course, let user) = entry.source, user > 0 else { return nil }
                    return (course, user)
                }.first)
            server.withholdAggregation(userID: credited.1, courseID: credited.0)
            withheld.append((site, server))
        }
        let second = await region.sync(full: true, timeout: .seconds(120))
        #expect(second.failures.map(\.message) == [])
        for site in second.sites where withheld.contains(where: { $0.site == site.site }) {
            let lag = site.findings.filter { $0.kind == .awaitingCompletionTask }
            #expect(lag.count == 1, "\(site.site): \(site.findings.map(\.kind))")
            #expect(lag.first?.detail.en.contains("completion task (cron) has not marked the course yet") == true)
            #expect(!site.findings.contains { $0.kind == .revocationReversed || $0.kind == .revocationFlagged })
            #expect(site.reversals == 0)
        }
        #expect(try await region.ledger.entries(person: nil).count == credits.count)

        for (_, server) in withheld { server.runCompletionTask() }
        let third = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        #expect(third.failures.map(\.message) == [] && third.newCredits == 0)
        #expect(!third.sites.contains { $0.findings.contains { $0.kind == .awaitingCompletionTask } })
    }
}
