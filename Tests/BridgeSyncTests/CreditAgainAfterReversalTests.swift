import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// On a site whose policy reverses revocations, a completion reversed because Moodle stopped
/// reporting it (a course reset) and then completed again is credited again — once per reversal,
/// however many runs see it. A registrar's own reversal stays.
@Suite("Credited again after a reversal by the site's policy", .serialized)
struct CreditAgainAfterReversalTests {
    /// Both completion paths: `ripk` reads its report (JSON), `north` the classic functions (XML).
    @Test("reset, completed again: credited once more; reset and completed again: once more again", arguments: ["ripk", "north"])
    func creditedAgainOncePerReversal(site: String) async throws {
        let region = try await TwoSiteRegion(ripkRevocations: .reverse)
        let siteID = SiteID(site)
        let server = site == "ripk" ? region.ripk : region.north
        let first = await region.sync(full: true, timeout: .seconds(60))
        #expect(first.failures.map(\.message) == [])
        let credit = try #require(
            try await region.ledger.entries(person: nil).first {
                if case .moodle(siteID, _, let user) = $0.source { user > 0 } else { false }
            })
        guard case .moodle(_, let course, let user) = credit.source else { throw CancellationError() }
        func hours() async throws -> CreditHours {
            try await region.ledger.standingCredits(person: credit.person).filter { $0.module == credit.module }
                .reduce(CreditHours.zero) { $0 + $1.hours }
        }
        func result(_ summary: SyncRunner.Summary) throws -> SiteSyncResult {
            #expect(summary.failures.map(\.message) == [])
            return try #require(summary.sites.first { $0.site == siteID })
        }
        let start = Int(credit.occurredAt.timeIntervalSince1970)

        for round in 1...2 {
            server.revokeCompletion(userID: user, courseID: course)
            let reversed = try result(await region.sync(full: true, timeout: .seconds(60)))
            #expect(reversed.reversals == 1, "round \(round): \(reversed.findings.map { "\($0.kind) \($0.detail.en)" })")
            #expect(try await hours() == .zero)

            server.complete(userID: user, courseID: course, at: start + round * 86_400)
            let again = try result(await region.sync(full: true, timeout: .seconds(60)))
            #expect(again.newCredits == 1, "round \(round): \(again.findings.map(\.kind))")
            #expect(try await hours() == credit.hours)
            let newest = try #require(try await region.ledger.entries(person: credit.person).last)
            #expect(newest.isCredit && newest.idempotencyKey.hasPrefix(credit.idempotencyKey + "/after/"))
            #expect(newest.note?.contains("complete again") == true)

            let quiet = try result(await region.sync(full: true, timeout: .seconds(60)))
            #expect(quiet.newCredits == 0 && quiet.reversals == 0, "round \(round)")
        }
        await region.stop()
        let family = try await region.ledger.entries(person: credit.person).filter {
            $0.isCredit && $0.idempotencyKey.hasPrefix(credit.idempotencyKey)
        }
        #expect(family.count == 3)
        #expect(try await region.ledger.verify().isIntact)
    }

    @Test("a credit a registrar reversed is not credited again while Moodle reports it complete")
    func registrarReversalStays() async throws {
        let region = try await TwoSiteRegion(ripkRevocations: .reverse)
        _ = await region.sync(full: true, timeout: .seconds(60))
        let credit = try #require(
            try await region.ledger.entries(person: nil).first {
                if case .moodle("north", _, let user) = $0.source { user > 0 } else { false }
            })
        _ = try await region.ledger.append(
            LedgerBatch(
                id: "reversal-by-hand", kind: .manual, actor: "registrar", description: "reversal by hand",
                recordedAt: Date(timeIntervalSince1970: 1_767_225_600),
                entries: [
                    LedgerBatch.Draft(
                        person: credit.person, module: credit.module, hours: credit.hours, form: credit.form,
                        kind: .reversal(of: credit.id), occurredAt: Date(timeIntervalSince1970: 1_767_225_600),
                        source: .manual(operator: "registrar", document: "order 5"),
                        idempotencyKey: Reversal.key(of: credit.id), note: "credited in error")
                ]))
        let summary = await region.sync(full: true, timeout: .seconds(60))
        await region.stop()
        #expect(summary.failures.map(\.message) == [])
        #expect(summary.newCredits == 0)
        #expect(try await region.ledger.standingCredits(person: credit.person).allSatisfy { $0.entry != credit.id })
    }
}
