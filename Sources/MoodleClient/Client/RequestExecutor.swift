import Foundation
import Logging

/// Sends requests for one site: encoding, limits, retries, classification, counting, logging.
final class RequestExecutor: Sendable {
    let configuration: MoodleSiteConfiguration
    let transport: any MoodleTransport
    let logger: Logger
    let clock: MoodleClock
    let redactor: Redactor
    let counter = RequestCounter()
    private let semaphore: AsyncSemaphore
    private let rateLimiter: RateLimiter?
    private let interpreter: ResponseInterpreter

    init(configuration: MoodleSiteConfiguration, transport: any MoodleTransport, logger: Logger, clock: MoodleClock) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.clock = clock
        redactor = Redactor(secret: configuration.token.value)
        semaphore = AsyncSemaphore(permits: configuration.maxConcurrentRequests)
        rateLimiter = configuration.requestsPerMinute.map { RateLimiter(requestsPerMinute: $0) }
        interpreter = ResponseInterpreter(redactor: redactor)
    }

    func makeRequest(_ function: String, _ arguments: MoodleArguments) -> MoodleHTTPRequest {
        var fields: [(name: String, value: String)] = [(name: "wsfunction", value: function)]
        if configuration.format == .json { fields.append((name: "moodlewsrestformat", value: "json")) }
        if let language = configuration.language { fields.append((name: "moodlewssettinglang", value: language)) }
        if let timezone = configuration.timezone { fields.append((name: "moodlewssettingtimezone", value: timezone)) }
        fields += arguments.formFields
        let body = FormURLEncoder.encode([(name: "wstoken", value: configuration.token.value)] + fields)
        return MoodleHTTPRequest(
            url: configuration.endpoint,
            headers: [
                "content-type": "application/x-www-form-urlencoded",
                "accept": configuration.format == .json ? "application/json" : "application/xml",
            ],
            body: Array(body.utf8), wsFunction: function, arguments: fields, timeout: configuration.timeout,
            maxResponseBytes: configuration.maxResponseBytes)
    }

    func execute(_ function: String, _ arguments: MoodleArguments) async throws(MoodleError) -> MoodleValue {
        let request = makeRequest(function, arguments)
        var failedAttempts = 0
        while true {
            do {
                return try await attempt(request, number: failedAttempts + 1)
            } catch {
                failedAttempts += 1
                guard let delay = configuration.retry.delay(afterFailedAttempts: failedAttempts, error: error) else {
                    logger.debug(
                        "moodle request failed", metadata: metadata(request, error: error, attempt: failedAttempts))
                    throw error
                }
                var fields = metadata(request, error: error, attempt: failedAttempts)
                fields["moodle.retry_delay_ms"] = "\(Int(delay.seconds * 1000))"
                logger.info("moodle request failed, retrying", metadata: fields)
                do {
                    try await clock.sleep(delay)
                } catch {
                    throw cancelled(function)
                }
            }
        }
    }

    private func attempt(_ request: MoodleHTTPRequest, number: Int) async throws(MoodleError) -> MoodleValue {
        if Task.isCancelled { throw cancelled(request.wsFunction) }
        do {
            try await semaphore.acquire()
        } catch {
            throw cancelled(request.wsFunction)
        }
        defer { semaphore.release() }
        if let rateLimiter {
            let wait = rateLimiter.reserve(now: clock.now())
            if wait > .zero {
                do { try await clock.sleep(wait) } catch { throw cancelled(request.wsFunction) }
            }
        }
        counter.record(request.wsFunction)
        let started = clock.now()
        logger.debug(
            "moodle request",
            metadata: [
                "moodle.wsfunction": "\(request.wsFunction)", "moodle.attempt": "\(number)",
            ])
        let response: MoodleHTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw wrapTransportError(error, function: request.wsFunction)
        }
        logger.debug(
            "moodle response",
            metadata: [
                "moodle.wsfunction": "\(request.wsFunction)", "moodle.http_status": "\(response.status)",
                "moodle.bytes": "\(response.body.count)",
                "moodle.duration_ms": "\(Int((clock.now() - started).seconds * 1000))",
            ])
        do {
            return try interpreter.interpret(response, wsFunction: request.wsFunction)
        } catch {
            var error = error
            error.wsFunction = request.wsFunction
            throw error
        }
    }

    private func wrapTransportError(_ error: any Error, function: String) -> MoodleError {
        if var moodleError = error as? MoodleError {
            moodleError.wsFunction = moodleError.wsFunction ?? function
            moodleError.message = redactor.scrub(moodleError.message)
            if let cause = moodleError.cause, redactor.scrub(String(describing: cause)) != String(describing: cause) {
                moodleError.cause = RedactedError(text: redactor.scrub(String(describing: cause)))
            }
            return moodleError
        }
        if error is CancellationError { return cancelled(function) }
        let text = redactor.scrub(String(describing: error))
        return MoodleError(
            code: .transport, message: "The transport failed: \(text). Check connectivity to Moodle.",
            wsFunction: function, cause: RedactedError(text: text))
    }

    private func cancelled(_ function: String) -> MoodleError {
        MoodleError(
            code: .cancelled, message: "The request was cancelled.", wsFunction: function, cause: CancellationError())
    }

    private func metadata(_ request: MoodleHTTPRequest, error: MoodleError, attempt: Int) -> Logger.Metadata {
        var fields: Logger.Metadata = [
            "moodle.wsfunction": "\(request.wsFunction)", "moodle.attempt": "\(attempt)",
            "moodle.error.code": "\(error.code)",
        ]
        if let code = error.moodleErrorCode { fields["moodle.errorcode"] = "\(code)" }
        if let status = error.httpStatus { fields["moodle.http_status"] = "\(status)" }
        return fields
    }
}
