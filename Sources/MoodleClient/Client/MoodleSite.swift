import Foundation
import Logging

/// A client for one Moodle site's REST web services.
///
/// All calls go through ``call(_:_:)``: arguments are form-encoded in PHP bracket syntax, the
/// response (JSON or XML) is parsed into a ``MoodleValue`` tree and checked for Moodle exceptions,
/// transient failures are retried with backoff, and concurrency and rate limits are applied per site.
/// Typed calls (``siteInfo()``, ``enrolledUsers(courseID:options:)`` …) decode that tree into models.
public struct MoodleSite: Sendable {
    let executor: RequestExecutor

    /// - Parameters:
    ///   - configuration: site URL, token, format and limits.
    ///   - transport: the HTTP seam; defaults to ``URLSessionTransport`` with
    ///     `min(4, maxConcurrentRequests)` connections per host.
    ///   - logger: receives debug/info lines with `moodle.*` metadata; never the token.
    ///   - clock: the time seam used for backoff and rate limiting.
    public init(
        configuration: MoodleSiteConfiguration, transport: (any MoodleTransport)? = nil,
        logger: Logger = Logger(label: "MoodleClient", factory: { _ in SwiftLogNoOpLogHandler() }),
        clock: MoodleClock = .continuous
    ) {
        // More than 4 connections per host made URLSession churn connections (hundreds of new
        // ones per 20,000 requests at 16); requests beyond 4 queue inside URLSession instead.
        let connections = min(4, max(1, configuration.maxConcurrentRequests))
        let transport = transport ?? URLSessionTransport(maximumConnectionsPerHost: connections)
        executor = RequestExecutor(configuration: configuration, transport: transport, logger: logger, clock: clock)
    }

    /// The configuration this site was created with.
    public var configuration: MoodleSiteConfiguration { executor.configuration }

    /// Calls `function` and returns the raw response tree. Throws ``MoodleError`` only.
    public func call(_ function: String, _ arguments: MoodleArguments = [:]) async throws -> MoodleValue {
        try await executor.execute(function, arguments)
    }

    /// Calls `function` and decodes the response as `type`. Throws ``MoodleError`` only.
    public func call<T: Decodable>(
        _ function: String, _ arguments: MoodleArguments = [:], as type: T.Type
    )
        async throws -> T
    {
        let value = try await call(function, arguments)
        return try decode(type, from: value, function: function)
    }

    /// HTTP requests sent so far, per `wsfunction` (retries count; a batch counts once, under
    /// `tool_mobile_call_external_functions`).
    public var requestCounts: [String: Int] { executor.counter.snapshot }

    /// Sum of ``requestCounts``.
    public var totalRequestCount: Int { requestCounts.values.reduce(0, +) }

    /// Zeroes the request counters.
    public func resetRequestCounts() { executor.counter.reset() }

    func decode<T: Decodable>(_ type: T.Type, from value: MoodleValue, function: String) throws -> T {
        do {
            return try MoodleValueDecoder().decode(type, from: value)
        } catch {
            let scrubbed = executor.redactor.scrub(String(describing: error))
            throw MoodleError(
                code: .decoding,
                message: "The response of \(function) does not have the expected shape (\(scrubbed)). The Moodle "
                    + "version may differ from the one this client was written for.",
                wsFunction: function, cause: RedactedError(text: scrubbed))
        }
    }
}

/// An error already turned into token-free text.
struct RedactedError: Error, Sendable, CustomStringConvertible {
    var text: String
    var description: String { text }
}
