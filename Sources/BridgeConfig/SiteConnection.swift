import CreditCore
import Foundation

/// How the bridge reaches one Moodle site: its address, where its token is read from, the response
/// format and how hard the site may be asked. It is read from the site's entry in `sites:`, beside
/// the domain part of the site (``CreditCore/SiteConfig``), and only the sync, the site check and
/// the front ends see it.
public struct SiteConnection: Hashable, Sendable {
    /// Where the web-service token is read from. The token itself never sits in a mapping file.
    public enum TokenSource: Hashable, Sendable, CustomStringConvertible {
        /// An environment variable holding the token.
        case environment(String)
        /// A file holding the token (its first line).
        case file(String)

        public var description: String {
            switch self {
            case .environment(let name): "environment variable \(name)"
            case .file(let path): "file \(path)"
            }
        }
    }

    /// The response format the bridge asks Moodle for.
    public enum ResponseFormat: String, Hashable, Sendable, CaseIterable {
        case json
        case xml
    }

    /// The site these settings reach.
    public var site: SiteID
    public var baseURL: URL
    public var token: TokenSource
    public var format: ResponseFormat
    /// The report-builder custom report to read completions from (Moodle 4.1+), by id.
    public var completionReportID: Int?
    public var maxConcurrentRequests: Int
    /// An optional ceiling on requests per minute.
    public var requestsPerMinute: Int?
    /// Whether a plain `http://` address of a host other than this machine is allowed (the token
    /// would cross the network in clear text).
    public var allowsInsecureHTTP: Bool
    /// Whether a token file that others than its owner may read is accepted.
    public var allowsSharedTokenFile: Bool
    /// The largest answer read from the site, in MiB (`nil`: the client's default).
    public var maxResponseMegabytes: Int?
    /// Where the site's entry is written, for messages.
    public var location: SourceLocation?

    public init(
        site: SiteID, baseURL: URL, token: TokenSource, format: ResponseFormat = .json,
        completionReportID: Int? = nil, maxConcurrentRequests: Int = 4, requestsPerMinute: Int? = nil,
        allowsInsecureHTTP: Bool = false, allowsSharedTokenFile: Bool = false, maxResponseMegabytes: Int? = nil,
        location: SourceLocation? = nil
    ) {
        self.site = site
        self.baseURL = baseURL
        self.token = token
        self.format = format
        self.completionReportID = completionReportID
        self.maxConcurrentRequests = maxConcurrentRequests
        self.requestsPerMinute = requestsPerMinute
        self.allowsInsecureHTTP = allowsInsecureHTTP
        self.allowsSharedTokenFile = allowsSharedTokenFile
        self.maxResponseMegabytes = maxResponseMegabytes
        self.location = location
    }
}
