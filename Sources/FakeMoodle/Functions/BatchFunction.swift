/// `tool_mobile_call_external_functions`: several calls in one request.
///
/// `requests[i][arguments]` is a JSON string; each result carries `data` or `exception` as a JSON
/// string. Execution stops at the first failing sub-call, so `responses` can be shorter than
/// `requests`. Each sub-function must be in the token's service (else `accessexception`).
enum BatchFunction {
    static let shape: WSShape = .object([
        "responses": .list(.object(["error": .bool, "data": .string, "exception": .string]))
    ])

    static let function = WSFunction(
        name: "tool_mobile_call_external_functions", parameters: ["requests"], returns: shape
    ) { params, caller, state in
        let requests = try params.structList("requests")
        let allowed: Set<String> = [
            "function", "arguments", "settingraw", "settingfilter", "settingfileurl", "settinglang",
        ]
        var responses: [WSValue] = []
        for request in requests {
            guard request.hasOnlyKeys(allowed), let name = request["function"]?.text else {
                throw MoodleException.invalidParameter
            }
            let argumentsText = request["arguments"]?.text ?? "{}"
            do {
                guard let arguments = FormValue.fromJSON(argumentsText.isEmpty ? "{}" : argumentsText) else {
                    throw MoodleException.invalidParameter
                }
                let (value, shape) = try FunctionCatalog.invoke(
                    name, arguments: arguments, caller: caller, state: &state)
                responses.append(["error": false, "data": .string(PHPJSONEncoder.encode(value, shape: shape))])
            } catch let exception as MoodleException {
                var body: [String: WSValue] = [
                    "exception": .string(exception.className), "message": .string(exception.message),
                ]
                if let code = exception.errorCode { body["errorcode"] = .string(code) }
                responses.append(["error": true, "exception": .string(PHPJSONEncoder.encodeUntyped(.object(body)))])
                break
            }
        }
        return ["responses": .list(responses)]
    }
}

extension FunctionCatalog {
    /// Runs a function for a caller, with Moodle's checks: unknown name → `invalidrecordunknown`,
    /// outside the caller's service → `accessexception`.
    static func invoke(
        _ name: String, arguments: FormValue, caller: WSFunction.Caller, state: inout SiteState
    ) throws -> (WSValue, WSShape) {
        guard isKnown(name) else { throw MoodleException.invalidRecord }
        guard caller.service.functions.contains(name) else { throw MoodleException.accessException }
        guard let function = all[name] else {
            throw MoodleException.codingError("FakeMoodle does not implement \(name)")
        }
        return (try function.call(arguments, caller: caller, state: &state), function.returns)
    }
}
