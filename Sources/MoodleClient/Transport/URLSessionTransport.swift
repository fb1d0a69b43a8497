import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live transport on Foundation's `URLSession`.
///
/// Connections per host are capped (default 4): with 16 concurrent requests `URLSession` was seen to
/// open hundreds of new connections per 20,000 requests, with 4 none. Task cancellation cancels the
/// underlying data task. A redirect is followed only on the same host and never from https to
/// http: the request carries the token, so a redirect elsewhere is an error naming the host.
public final class URLSessionTransport: MoodleTransport {
    private let session: URLSession

    /// - Parameters:
    ///   - maximumConnectionsPerHost: upper bound on parallel connections to the Moodle host.
    ///   - resourceTimeout: hard cap on one request, including retries inside `URLSession`.
    public init(maximumConnectionsPerHost: Int = 4, resourceTimeout: Duration = .seconds(300)) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        configuration.timeoutIntervalForResource = resourceTimeout.timeInterval
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: RedirectGuard(), delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: MoodleHTTPRequest) async throws -> MoodleHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = Data(request.body)
        // swift-corelibs-foundation truncates the interval to whole seconds (0.5 s became an
        // immediate timeout), so round up and never go below one second.
        urlRequest.timeoutInterval = max(1, request.timeout.timeInterval.rounded(.up))
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }

        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<MoodleHTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.classify(error, request: request))
                        return
                    }
                    guard let http = response as? HTTPURLResponse else {
                        continuation.resume(
                            throwing: MoodleError(
                                code: .transport, message: "The server's reply was not HTTP.",
                                wsFunction: request.wsFunction))
                        return
                    }
                    var headers: [String: String] = [:]
                    for (name, value) in http.allHeaderFields {
                        headers[String(describing: name).lowercased()] = String(describing: value)
                    }
                    if (300..<400).contains(http.statusCode), let location = headers["location"] {
                        let target = URL(string: location, relativeTo: request.url)?.host ?? "another address"
                        continuation.resume(
                            throwing: MoodleError(
                                code: .httpStatus,
                                message: "Moodle answered \(http.statusCode) with a redirect to \(target); the bridge "
                                    + "sends the token only to the site's own host and follows no redirect off it: "
                                    + "set the site's url to the address Moodle answers at.",
                                wsFunction: request.wsFunction))
                        return
                    }
                    continuation.resume(
                        returning: MoodleHTTPResponse(
                            status: http.statusCode, headers: headers, body: [UInt8](data ?? Data())))
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }

    private static func classify(_ error: any Error, request: MoodleHTTPRequest) -> MoodleError {
        let urlError = error as? URLError
        let sendableCause: (any Error & Sendable)? = urlError
        switch urlError?.code {
        case .timedOut?:
            return MoodleError(
                code: .timeout,
                message: "The request timed out; the site may be overloaded. Retry later or raise the timeout.",
                wsFunction: request.wsFunction, cause: sendableCause)
        case .cancelled?:
            return MoodleError(
                code: .cancelled, message: "The request was cancelled.", wsFunction: request.wsFunction,
                cause: sendableCause)
        default:
            return MoodleError(
                code: .transport,
                message: "Could not reach Moodle at \(request.url.host ?? "the configured host"): "
                    + (urlError.map { "URLError \($0.code.rawValue)" } ?? String(describing: type(of: error)))
                    + ". Check the base URL, DNS, TLS and network.",
                wsFunction: request.wsFunction, cause: sendableCause)
        }
    }
}

/// Lets a redirect through only on the same host and never from https to http; any other comes
/// back to ``URLSessionTransport/send(_:)`` as the 3xx answer it is.
private final class RedirectGuard: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(Self.allows(from: response.url ?? task.originalRequest?.url, to: request.url) ? request : nil)
    }

    static func allows(from origin: URL?, to target: URL?) -> Bool {
        guard let origin, let target, let from = origin.host?.lowercased(), let to = target.host?.lowercased() else {
            return false
        }
        let downgrade = origin.scheme?.lowercased() == "https" && target.scheme?.lowercased() != "https"
        return from == to && !downgrade
    }
}

/// Holds the data task so the cancellation handler, which may run on another thread, can reach it.
private final class TaskBox: @unchecked Sendable {
    // @unchecked: every access to `task`/`cancelled` happens under `lock`.
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func set(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let current = task
        lock.unlock()
        current?.cancel()
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
