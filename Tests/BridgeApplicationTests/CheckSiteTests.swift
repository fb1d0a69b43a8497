import BridgeApplication
import CreditCore
import Foundation
import MoodleClient
import Testing

@Suite("Check a site")
struct CheckSiteTests {
    struct NoToken: Error, CustomStringConvertible {
        var description: String { "no web-service token for site 'ripk'" }
    }

    @Test("an unknown site is bad input naming the sites; a site without a token cannot be synced (exit 3)")
    func refusals() async throws {
        let fixture = try Fixture()
        let checkSite = CheckSite(
            configuration: fixture.configuration, mappingsLocation: "Mappings", connect: { _, _ in throw NoToken() })
        let unknown = await fixture.refusal { try await checkSite.run(site: "nosuch") }
        #expect(unknown?.kind == .unknown && unknown?.exitStatus == .badInput)
        #expect(
            unknown?.message.hasPrefix("no site 'nosuch' in the mapping files of Mappings; the sites are: ") == true)
        let site = try #require(fixture.mapping.sites.first?.id.rawValue)
        let noToken = await fixture.refusal { try await checkSite.run(site: site) }
        #expect(noToken?.kind == .siteUnusable && noToken?.exitStatus == .siteFailed)
        #expect(noToken?.message == "no web-service token for site 'ripk'")
    }
}
