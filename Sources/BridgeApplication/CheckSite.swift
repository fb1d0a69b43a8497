import BridgeConfig
import CreditCore
import Foundation
import MoodleClient

/// Check that a Moodle site of the mapping files can be synced: its token, version, functions and
/// completion path (``SiteCheck``).
public struct CheckSite: Sendable {
    public struct Result: Sendable {
        public var site: SiteConfig
        /// How the site is reached.
        public var connection: SiteConnection
        /// Everything the check found, to print even when the site cannot be synced.
        public var report: SiteCheck.Report
        /// Why the site cannot be synced (exit status 3); nil when it can.
        public var refusal: ApplicationError?
    }

    /// The region: its mapping, and how each site is reached.
    public let configuration: RegionConfiguration
    /// Where the mapping files are, for messages.
    public var mappingsLocation: String
    /// A client for a site, its token resolved; a thrown error says why there is none.
    public let connect: MoodleConnector

    public var mapping: RegionMapping { configuration.mapping }

    public init(configuration: RegionConfiguration, mappingsLocation: String, connect: @escaping MoodleConnector) {
        self.configuration = configuration
        self.mappingsLocation = mappingsLocation
        self.connect = connect
    }

    /// - Parameter site: The site's id in `sites.yaml`.
    public func run(site: String) async throws -> Result {
        guard let config = mapping.site(SiteID(rawValue: site)) else {
            let known = mapping.sites.map(\.id.rawValue).joined(separator: ", ")
            throw ApplicationError(
                .unknown, "no site '\(site)' in the mapping files of \(mappingsLocation); the sites are: \(known)")
        }
        let connection: SiteConnection
        let client: MoodleSite
        do {
            connection = try configuration.connection(for: config.id)
            client = try connect(config, connection)
        } catch {
            throw ApplicationError(.siteUnusable, String(describing: error), exitStatus: .siteFailed)
        }
        let report = await SiteCheck(
            site: config, connection: connection, client: client, categoryField: mapping.organisation.categoryField,
            mapping: mapping
        ).run()
        let causes = report.problems.map(\.message).joined(separator: "\n  ")
        return Result(
            site: config, connection: connection, report: report,
            refusal: report.usable
                ? nil
                : ApplicationError(
                    .siteUnusable, "site '\(site)' cannot be synced: \(causes)", exitStatus: .siteFailed))
    }
}
