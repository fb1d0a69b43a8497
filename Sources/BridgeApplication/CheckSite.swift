import CreditCore
import Foundation
import MoodleClient

/// Check that a Moodle site of the mapping files can be synced: its token, version, functions and
/// completion path (``SiteCheck``).
public struct CheckSite: Sendable {
    public struct Result: Sendable {
        public var site: SiteConfig
        /// Everything the check found, to print even when the site cannot be synced.
        public var report: SiteCheck.Report
        /// Why the site cannot be synced (exit status 3); nil when it can.
        public var refusal: ApplicationError?
    }

    public let mapping: RegionMapping
    /// Where the mapping files are, for messages.
    public var mappingsLocation: String
    /// A client for a site, its token resolved; a thrown error says why there is none.
    public let connect: @Sendable (SiteConfig) throws -> MoodleSite

    public init(
        mapping: RegionMapping, mappingsLocation: String, connect: @escaping @Sendable (SiteConfig) throws -> MoodleSite
    ) {
        self.mapping = mapping
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
        let client: MoodleSite
        do { client = try connect(config) } catch {
            throw ApplicationError(.siteUnusable, String(describing: error), exitStatus: .siteFailed)
        }
        let report = await SiteCheck(
            site: config, client: client, categoryField: mapping.organisation.categoryField, mapping: mapping
        ).run()
        let causes = report.problems.map(\.message).joined(separator: "\n  ")
        return Result(
            site: config, report: report,
            refusal: report.usable
                ? nil
                : ApplicationError(
                    .siteUnusable, "site '\(site)' cannot be synced: \(causes)", exitStatus: .siteFailed))
    }
}
