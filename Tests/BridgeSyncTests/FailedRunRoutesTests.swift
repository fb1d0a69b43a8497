import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// A site that fails part-way leaves nothing a clean re-run cannot put right, and the run's summary
/// says what the failed site wrote.
@Suite("A failed run and its re-run", .serialized)
struct FailedRunRoutesTests {
    /// Every route with its verdict and origin, by id.
    static func routes(_ region: TwoSiteRegion) async throws -> [StoredRoute] {
        try await region.ledger.routes(person: nil).sorted { $0.route.id.rawValue < $1.route.id.rawValue }
    }

    @Test(
        "north answering 503 from a request on, then a clean re-run: the routes equal one clean run's, and the failed run's summary counts what it wrote",
        arguments: [UInt64(7), 11, 23])
    func failedThenClean(seed: UInt64) async throws {
        // One clean run on a fresh ledger: the routes to reach, and how many requests north takes.
        let clean = try await TwoSiteRegion(seed: seed)
        let cleanSummary = await clean.sync(full: true)
        let northRequests = clean.north.totalRequestCount
        let expected = try await Self.routes(clean)
        await clean.stop()
        #expect(cleanSummary.failures.map(\.message) == [])
        #expect(expected.contains { $0.isAutomatic })

        // The same region, north failing with HTTP 503 from its last request on (it batches its
        // calls, so that is when some of its pages are written and some are not).
        let region = try await TwoSiteRegion(seed: seed)
        region.north.inject(.httpStatus(503), count: nil, after: northRequests - 1)
        let failed = await region.sync(full: true)
        let failure = try #require(failed.failures.first)
        #expect(failed.failures.map(\.site) == ["north"])
        let northWritten = try await region.ledger.entries(person: nil).filter { entry in
            if case .moodle(let site, _, _) = entry.source { return site == "north" }
            return false
        }
        #expect(failure.creditsWritten == northWritten.filter(\.isCredit).count)
        #expect(failure.reversalsWritten == northWritten.count - failure.creditsWritten)
        let northExpected = region.expectedCredits().filter { $0.site == "north" }.count
        #expect(
            failure.creditsWritten > 0 && failure.creditsWritten < northExpected,
            "the failure must come part-way: \(failure.creditsWritten) of \(northExpected) credits written")
        #expect(failed.creditsWritten == failed.newCredits + failure.creditsWritten)
        #expect(failed.sites.map(\.site) == ["ripk"])

        // North answers again: a clean re-run completes the credits, and the routes are the clean run's.
        region.north.clearFaults()
        let rerun = await region.sync()
        await region.stop()
        #expect(rerun.failures.map(\.message) == [])
        #expect(try await region.actualCredits() == region.expectedCredits())
        let found = try await Self.routes(region)
        #expect(found == expected)
        #expect(try await region.ledger.verify().isIntact)
    }
}
