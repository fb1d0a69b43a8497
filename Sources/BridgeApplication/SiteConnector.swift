import BridgeConfig
import BridgeSync
import CreditCore
import Foundation
import Logging
import MoodleClient

/// Turns a site of the mapping files, with its connection settings, into a ready ``MoodleSite`` client.
///
/// It resolves the token from the connection's ``SiteConnection/TokenSource`` (an environment
/// variable, or the first line of a file) and carries the connection's format and limits and the
/// site's time zone over to the client. Errors name where the token was looked for, never the token itself.
///
/// ```swift
/// let site = configuration.mapping.sites[0]
/// let client = try SiteConnector().connect(site, try configuration.connection(for: site.id))
/// let info = try await client.siteInfo()
/// ```
public struct SiteConnector: Sendable {
    /// Why a site's token could not be read.
    public struct TokenError: Error, CustomStringConvertible {
        /// The site whose token is missing.
        public var siteID: String
        /// Where the token was looked for.
        public var source: SiteConnection.TokenSource
        /// What is wrong with that source, e.g. "is not set".
        public var problem: String
        /// How to put it right, when the source's own fix does not.
        public var fix: String?

        public var description: String {
            let fix =
                self.fix
                ?? {
                    switch source {
                    case .environment(let name): "export \(name) with the site's web-service token"
                    case .file(let path): "write the site's web-service token on the first line of \(path)"
                    }
                }()
            return "no web-service token for site '\(siteID)': the \(source) \(problem); \(fix)"
        }
    }

    /// The process environment, where `env:` token sources are looked up.
    public var environment: [String: String]
    /// Per-request timeout.
    public var timeout: Duration
    /// How transient failures are retried.
    public var retry: MoodleRetryPolicy
    /// Language Moodle formats strings in (report-builder cells, messages); `nil` = the user's.
    public var language: String?
    /// The HTTP seam; `nil` = the live `URLSession` transport.
    public var transport: (any MoodleTransport)?
    /// Receives the client's log lines (never the token).
    public var logger: Logger

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(60),
        retry: MoodleRetryPolicy = .standard, language: String? = "en", transport: (any MoodleTransport)? = nil,
        logger: Logger = Logger(label: "MoodleBridge.MoodleClient", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.environment = environment
        self.timeout = timeout
        self.retry = retry
        self.language = language
        self.transport = transport
        self.logger = logger
    }

    /// The connector of a site check, which should answer quickly: each answer awaited at most
    /// `timeout` (at least a second), one retry of a transient failure, and no long Retry-After waits.
    public static func forCheck(timeout: Duration) -> SiteConnector {
        SiteConnector(
            timeout: max(.seconds(1), timeout),
            retry: MoodleRetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(500), maxRetryAfter: .seconds(5)))
    }

    /// A client for `site`, reached through `connection`, with its token resolved.
    ///
    /// - Throws: ``TokenError`` when the token source is missing or empty.
    public func connect(_ site: SiteConfig, _ connection: SiteConnection) throws -> MoodleSite {
        MoodleSite(
            configuration: MoodleSiteConfiguration(
                site: site, connection: connection, token: try token(for: connection), timeout: timeout,
                retry: retry, language: language),
            transport: transport, logger: logger)
    }

    /// Reads the token of a site from its connection's source: the environment variable's value, or
    /// the file's first line, with surrounding white space removed.
    ///
    /// - Throws: ``TokenError`` when the variable is unset, the file unreadable, or the value empty.
    public func token(for connection: SiteConnection) throws -> MoodleToken {
        let raw: String
        let site = connection.site
        switch connection.token {
        case .environment(let name):
            guard let value = environment[name] else {
                throw TokenError(siteID: site.description, source: connection.token, problem: "is not set")
            }
            raw = value
        case .file(let path):
            // As ssh refuses a private key others can read, a token file must be its owner's alone.
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & 0o077 != 0, !connection.allowsSharedTokenFile {
                throw TokenError(
                    siteID: site.description, source: connection.token,
                    problem: "may be read by others (mode \(String(status.st_mode & 0o777, radix: 8)))",
                    fix:
                        "run `chmod 600 \(path)`, or say `readable_by_others: true` in the site's token if it must be shared"
                )
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TokenError(siteID: site.description, source: connection.token, problem: "cannot be read")
            }
            raw =
                String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .first.map(String.init) ?? ""
        }
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            throw TokenError(siteID: site.description, source: connection.token, problem: "is empty")
        }
        return MoodleToken(value)
    }
}
