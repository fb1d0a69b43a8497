import BridgeApplication
import BridgeConfig
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import LedgerSQLite
import MoodleClient
import Synchronization
import Testing

/// The sync as a use case: the CLI's `sync`, `serve` and `demo` call it.
@Suite("Sync the region")
struct SyncRegionTests {
    static func configuration(_ url: URL) -> RegionConfiguration {
        RegionConfiguration(
            mapping: RegionMapping(
                sites: [SiteConfig(id: "small", name: "small", hoursField: "hours", identity: [.idnumber])],
                programs: [
                    ProgramMapping(program: Program(id: "PK-72", title: "Free", kind: .freeChoice(allowed: nil)))
                ]),
            connections: ["small": SiteConnection(site: "small", baseURL: url, token: .environment("UNUSED"))])
    }

    static func connect(_ site: SiteConfig, _ connection: SiteConnection) -> MoodleSite {
        MoodleSite(
            configuration: MoodleSiteConfiguration(baseURL: connection.baseURL, token: MoodleToken("fake-token")))
    }

    @Test("an unknown site is refused before the ledger is opened")
    func unknownSite() async throws {
        let opened = Mutex(false)
        let sync = SyncRegion(
            configuration: Self.configuration(URL(string: "http://127.0.0.1:9")!),
            ledger: {
                opened.withLock { $0 = true }
                return try SQLiteLedger()
            }, connect: Self.connect)
        let error = await #expect(throws: ApplicationError.self) { try await sync.run(sites: ["nowhere"]) }
        #expect(error?.kind == .unknown && error?.message.contains("the mapping files have: small") == true)
        #expect(!opened.withLock { $0 })
    }

    @Test("a sync credits the completion; a site that cannot be reached fails the run with status 3 or 4")
    func syncAndStatus() async throws {
        let server = FakeMoodleServer(scenario: .small())
        let url = try await server.start()
        let ledger = try SQLiteLedger()
        let summary = try await SyncRegion(
            configuration: Self.configuration(url), ledger: { ledger }, connect: Self.connect
        ).run(full: true)
        await server.stop()
        #expect(summary.failures.isEmpty && summary.newCredits == 1)
        #expect(SyncRegion.exitStatus(summary) == nil)
        let modules = try await ledger.entries(person: nil).map(\.module)
        #expect(modules == ["MOD-1"], "\(modules)")

        // The server is gone: the run records the failure and says how it ended.
        let failed = try await SyncRegion(
            configuration: Self.configuration(url), ledger: { ledger }, connect: Self.connect
        ).run()
        #expect(failed.failures.map(\.site) == ["small"])
        let status = try #require(SyncRegion.exitStatus(failed))
        #expect(status == .transientFailure || status == .siteFailed)
    }
}
