import CreditCore

/// A region as its mapping files describe it: the domain part (``CreditCore/RegionMapping``: sites,
/// modules, programs, organisation) and, apart from it, how each Moodle site is reached.
///
/// ```swift
/// let region = try MappingLoader().load(directory: URL(fileURLWithPath: "Mappings")).configuration
/// let ripk = try region.connection(for: "ripk")
/// ```
public struct RegionConfiguration: Sendable {
    /// Why a site has no connection settings.
    public struct MissingConnection: Error, CustomStringConvertible {
        public var site: SiteID

        public var description: String {
            "site '\(site)' has no connection settings (url, token) in the mapping files"
        }
    }

    public var mapping: RegionMapping
    /// How each site of the mapping is reached, by site id.
    public var connections: [SiteID: SiteConnection]

    public init(mapping: RegionMapping = RegionMapping(), connections: [SiteID: SiteConnection] = [:]) {
        self.mapping = mapping
        self.connections = connections
    }

    /// How `site` is reached.
    ///
    /// - Throws: ``MissingConnection`` when the configuration has none for it.
    public func connection(for site: SiteID) throws -> SiteConnection {
        guard let connection = connections[site] else { throw MissingConnection(site: site) }
        return connection
    }
}
