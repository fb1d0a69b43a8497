import Foundation
import Synchronization

/// The HTTP-independent core of the fake: state, controls and request handling.
final class FakeMoodleEngine: Sendable {
    let state: Mutex<SiteState>
    let controls = Mutex(ServerControls())

    init(scenario: Scenario) {
        state = Mutex(SiteState(scenario: scenario))
    }

    /// Handles `/webservice/rest/server.php` given the merged query and body fields (body last).
    func restResponse(fields: [(String, String)]) async -> RawResponse {
        var merged: [String: String] = [:]
        for (name, value) in fields where !name.contains("[") { merged[name] = value }
        let functionName = merged["wsfunction"] ?? ""
        let isJSON = merged["moodlewsrestformat"] == "json"
        let fault = controls.withLock { $0.admit(function: functionName) }
        let latency = controls.withLock { $0.latency }

        if let fault, let early = await earlyResponse(for: fault) { return early }
        let arguments = FormValue.decode(
            fields: fields.filter { name, _ in
                !["wstoken", "wsfunction", "moodlewsrestformat"].contains(name) && !name.hasPrefix("moodlewssetting")
            })

        var rows = 0
        var response: RawResponse
        if case .exception(let exception)? = fault {
            response = Self.render(exception, json: isJSON)
        } else {
            let outcome: Result<(WSValue, WSShape), MoodleException>? = state.withLock { state in
                guard state.scenario.site.webServicesEnabled else { return nil }
                return Result {
                    try Self.execute(functionName, token: merged["wstoken"] ?? "", arguments: arguments, state: &state)
                }
                .mapError { $0 as? MoodleException ?? .invalidParameter }
            }
            switch outcome {
            case nil:
                return .forbiddenEmpty
            case .success(let (value, shape))?:
                rows = value.rowCount
                response =
                    isJSON
                    ? .json(PHPJSONEncoder.encode(value, shape: shape))
                    : .xml(MoodleXMLEncoder.encode(value, shape: shape))
            case .failure(let exception)?:
                response = Self.render(exception, json: isJSON)
            }
        }
        let delay = latency.delay(function: functionName, rows: rows)
        if delay > .zero { try? await Task.sleep(for: delay) }
        if let fault { response = Self.damage(response, with: fault) }
        return response
    }

    /// Authenticates the token as Moodle does, then runs the function.
    static func execute(
        _ name: String, token: String, arguments: FormValue, state: inout SiteState
    ) throws -> (WSValue, WSShape) {
        guard !state.deletedTokens.contains(token),
            let record = state.scenario.tokens.first(where: { $0.value == token })
        else { throw MoodleException.invalidToken }
        switch record.state {
        case .valid: break
        case .expired:
            // Moodle deletes an expired token on first use; later calls see `invalidtoken`.
            state.deletedTokens.insert(token)
            throw MoodleException.accessException
        case .ipRestricted:
            throw MoodleException.accessException
        }
        guard let user = state.scenario.user(id: record.userID), !user.deleted else {
            throw MoodleException.accessException
        }
        if user.suspended { throw MoodleException.userSuspended(user.username) }
        guard let service = state.scenario.service(record.service) else { throw MoodleException.accessException }
        guard !name.isEmpty else { throw MoodleException.invalidParameter }
        return try FunctionCatalog.invoke(
            name, arguments: arguments, caller: .init(userID: user.id, service: service), state: &state)
    }

    static func render(_ exception: MoodleException, json: Bool) -> RawResponse {
        if json {
            var body: [String: WSValue] = [
                "exception": .string(exception.className), "message": .string(exception.message),
            ]
            if let code = exception.errorCode { body["errorcode"] = .string(code) }
            let shape = WSShape.object(["exception": .string, "errorcode": .string, "message": .string])
            return .json(PHPJSONEncoder.encode(.object(body), shape: shape))
        }
        return .xml(
            MoodleXMLEncoder.encodeException(
                className: exception.className, errorCode: exception.errorCode, message: exception.message))
    }

    /// Faults that replace the answer entirely (after any hang).
    func earlyResponse(for fault: Fault) async -> RawResponse? {
        switch fault {
        case .httpStatus(let code):
            return .html(
                status: code, "<html><head><title>\(code)</title></head><body><h1>\(code)</h1></body></html>\n")
        case .tooManyRequests(let seconds):
            return .html(
                status: 429, "<html><body><h1>429 Too Many Requests</h1></body></html>\n",
                extraHeaders: [("Retry-After", String(seconds))])
        case .maintenancePage:
            return await earlyResponse(for: .maintenance(retryAfter: 300))
        case .maintenance(let seconds):
            return .html(
                status: 503,
                "<!DOCTYPE html>\n<html><head><title>Site under maintenance</title></head><body><div>This site is undergoing maintenance. Please try again later.</div></body></html>\n",
                extraHeaders: [("Retry-After", String(seconds))])
        case .webServicesDisabled:
            return .forbiddenEmpty
        case .hang(let seconds):
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        case .truncatedBody, .malformedBody, .exception:
            return nil
        }
    }

    /// Faults that spoil a normal answer.
    static func damage(_ response: RawResponse, with fault: Fault) -> RawResponse {
        var response = response
        switch fault {
        case .truncatedBody:
            response.body = response.body.prefix(response.body.count / 2)
        case .malformedBody:
            let warning =
                "<br />\n<b>Warning</b>:  Undefined array key \"id\" in <b>/var/www/moodle/lib/externallib.php</b> on line <b>123</b><br />\n"
            response.body = Data(warning.utf8) + response.body
        default:
            break
        }
        return response
    }
}
