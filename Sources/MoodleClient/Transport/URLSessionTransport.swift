import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live transport on Foundation's `URLSession`.
///
/// Connections per host are capped (default 4): with 16 concurrent requests `URLSession` was seen to
/// open hundreds of new connections per 20,000 requests, with 4 none. Task cancellation cancels the
/// underlying data task. The answer is read as it arrives and the request fails once it grows past
/// the request's `maxResponseBytes`, so an oversized answer never fills the memory. A redirect is
/// followed only on the same host and never from https to http: the request carries the token, so a
/// redirect elsewhere is an error naming the host.
public final class URLSessionTransport: MoodleTransport {
    private let session: URLSession
    private let tasks: TransferTable

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
        let tasks = TransferTable()
        self.tasks = tasks
        session = URLSession(configuration: configuration, delegate: tasks, delegateQueue: nil)
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
                let task = session.dataTask(with: urlRequest)
                tasks.begin(task, Transfer(request: request, continuation: continuation))
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// The answer as the transport hands it on, or the error it stands for.
    fileprivate static func finish(_ transfer: Transfer, error: (any Error)?) -> Result<MoodleHTTPResponse, any Error> {
        let request = transfer.request
        if transfer.exceeded {
            return .failure(
                MoodleError(
                    code: .responseTooLarge,
                    message: "The answer to \(request.wsFunction) grew past the limit of "
                        + (request.maxResponseBytes >= 1 << 20
                            ? "\(request.maxResponseBytes >> 20) MiB" : "\(request.maxResponseBytes) bytes")
                        + " and was not read further: page the request, or raise the site's max_response_mb "
                        + "if such an answer is expected.",
                    wsFunction: request.wsFunction))
        }
        if let error { return .failure(classify(error, request: request)) }
        guard let http = transfer.response else {
            return .failure(
                MoodleError(
                    code: .transport, message: "The server's reply was not HTTP.", wsFunction: request.wsFunction))
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        if (300..<400).contains(http.statusCode), let location = headers["location"] {
            let target = URL(string: location, relativeTo: request.url)?.host ?? "another address"
            return .failure(
                MoodleError(
                    code: .httpStatus,
                    message: "Moodle answered \(http.statusCode) with a redirect to \(target); the bridge "
                        + "sends the token only to the site's own host and follows no redirect off it: "
                        + "set the site's url to the address Moodle answers at.",
                    wsFunction: request.wsFunction))
        }
        return .success(MoodleHTTPResponse(status: http.statusCode, headers: headers, body: transfer.body))
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

/// One request in flight: what was asked, what has arrived, and who waits for it.
fileprivate struct Transfer {
    let request: MoodleHTTPRequest
    let continuation: CheckedContinuation<MoodleHTTPResponse, any Error>
    var response: HTTPURLResponse?
    var body: [UInt8] = []
    /// Whether the answer grew past `request.maxResponseBytes` (the task was cancelled then).
    var exceeded = false

    init(request: MoodleHTTPRequest, continuation: CheckedContinuation<MoodleHTTPResponse, any Error>) {
        self.request = request
        self.continuation = continuation
    }
}

/// The session's delegate: gathers each task's answer up to its limit, lets a redirect through only
/// on the same host and never from https to http, and resumes the waiting request once.
private final class TransferTable: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: `transfers` is only touched under `lock`.
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]

    func begin(_ task: URLSessionTask, _ transfer: Transfer) {
        lock.lock()
        transfers[task.taskIdentifier] = transfer
        lock.unlock()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        lock.lock()
        var tooLarge = false
        if var transfer = transfers[dataTask.taskIdentifier] {
            transfer.response = response as? HTTPURLResponse
            tooLarge = response.expectedContentLength > Int64(transfer.request.maxResponseBytes)
            transfer.exceeded = tooLarge
            transfers[dataTask.taskIdentifier] = transfer
        }
        lock.unlock()
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        var cancel = false
        if var transfer = transfers[dataTask.taskIdentifier], !transfer.exceeded {
            if transfer.body.count + data.count > transfer.request.maxResponseBytes {
                transfer.exceeded = true
                transfer.body = []
                cancel = true
            } else {
                transfer.body.append(contentsOf: data)
            }
            transfers[dataTask.taskIdentifier] = transfer
        }
        lock.unlock()
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        let transfer = transfers.removeValue(forKey: task.taskIdentifier)
        lock.unlock()
        guard var transfer else { return }
        if transfer.response == nil { transfer.response = task.response as? HTTPURLResponse }
        switch URLSessionTransport.finish(transfer, error: error) {
        case .success(let response): transfer.continuation.resume(returning: response)
        case .failure(let failure): transfer.continuation.resume(throwing: failure)
        }
    }

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
