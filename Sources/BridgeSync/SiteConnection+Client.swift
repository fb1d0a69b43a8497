import BridgeConfig
import CreditCore
import MoodleClient

extension MoodleSiteConfiguration {
    /// The client settings for `site`, reached through `connection`, with its token already read:
    /// the connection's address, format, limits and response cap, and the site's time zone.
    public init(
        site: SiteConfig, connection: SiteConnection, token: MoodleToken, timeout: Duration = .seconds(60),
        retry: MoodleRetryPolicy = .standard, language: String? = "en"
    ) {
        self.init(
            baseURL: connection.baseURL, token: token, format: connection.format == .xml ? .xml : .json,
            timeout: timeout, maxConcurrentRequests: max(1, connection.maxConcurrentRequests),
            requestsPerMinute: connection.requestsPerMinute, retry: retry, language: language,
            timezone: site.timeZone,
            maxResponseBytes: connection.maxResponseMegabytes.map { $0 << 20 } ?? Self.defaultMaxResponseBytes)
    }
}
