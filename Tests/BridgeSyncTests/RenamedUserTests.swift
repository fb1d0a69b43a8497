import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// A completion is one credit whatever happens to the user's username, e-mail or idnumber later.
@Suite("Renamed users", .serialized)
struct RenamedUserTests {
    /// Renames every user of `server` who has a completion, and gives them new e-mail addresses.
    static func renameAll(_ server: FakeMoodleServer) {
        let scenario = server.scenario
        let learners = Set(scenario.completions.map(\.userID))
        for user in scenario.users where learners.contains(user.id) {
            server.editUser(
                user.id, username: user.username + "-renamed", email: "new-" + user.email, idnumber: user.idnumber + "-X")
        }
    }

    @Test("report path with the user id column: renamed usernames and new e-mails write nothing new")
    func reportPath() async throws {
        let region = try await TwoSiteRegion { scenario in scenario.reports[0].columns = ReportColumn.complete }
        let first = await region.sync(full: true, timeout: .seconds(120))
        #expect(first.failures.map(\.message) == [])
        let entries = try await region.ledger.entryCount()
        let persons = try await region.ledger.persons().count
        Self.renameAll(region.ripk)
        let again = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        #expect(again.failures.map(\.message) == [])
        let ripk = try #require(again.sites.first { $0.site == "ripk" })
        #expect(ripk.newCredits == 0 && ripk.alreadyCredited > 0)
        #expect(try await region.ledger.entryCount() == entries)
        #expect(try await region.ledger.persons().count == persons)
    }

    @Test("classic path: renamed usernames and new e-mails write nothing new")
    func classicPath() async throws {
        let region = try await TwoSiteRegion()
        let first = await region.sync(full: true, timeout: .seconds(120))
        #expect(first.failures.map(\.message) == [])
        let entries = try await region.ledger.entryCount()
        Self.renameAll(region.north)
        let again = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        #expect(again.failures.map(\.message) == [])
        #expect(try #require(again.sites.first { $0.site == "north" }).newCredits == 0)
        #expect(try await region.ledger.entryCount() == entries)
    }
}
