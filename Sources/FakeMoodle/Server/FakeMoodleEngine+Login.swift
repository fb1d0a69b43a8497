import Foundation

extension FakeMoodleEngine {
    /// Handles `/login/token.php`: returns the user's token for a service, creating one if needed.
    ///
    /// Errors use the AJAX renderer's shape (`error`, `errorcode`, `stacktrace`, `debuginfo`,
    /// `reproductionlink`), still with HTTP 200.
    func tokenResponse(fields: [(String, String)]) async -> RawResponse {
        var params: [String: String] = [:]
        for (name, value) in fields { params[name] = value }
        if let fault = controls.withLock({ $0.admit(function: "login/token.php") }) {
            if let early = await earlyResponse(for: fault) { return early }
            if case .exception(let exception) = fault {
                return Self.loginError(exception.errorCode ?? "error", exception.message)
            }
            return Self.damage(tokenAnswer(params), with: fault)
        }
        return tokenAnswer(params)
    }

    private func tokenAnswer(_ params: [String: String]) -> RawResponse {
        for name in ["username", "password", "service"] where params[name] == nil {
            return Self.loginError("missingparam", "A required parameter (\(name)) was missing")
        }
        let username = params["username"]!.trimmingCharacters(in: .whitespaces).lowercased()
        let password = params["password"]!
        let serviceName = params["service"]!
        return state.withLock { state -> RawResponse in
            let scenario = state.scenario
            guard scenario.site.webServicesEnabled else {
                return Self.loginError("enablewsdescription", "Web services must be enabled in Advanced features.")
            }
            guard let user = scenario.users.first(where: { $0.username == username && !$0.deleted }),
                !user.suspended, let expected = user.password, expected == password
            else { return Self.loginError("invalidlogin", "Invalid login, please try again") }
            guard let service = scenario.service(serviceName) else {
                return Self.loginError(
                    "servicenotavailable", "Web service is not available. (It doesn't exist or might be disabled.)")
            }
            if let allowed = service.authorisedUserIDs, !allowed.contains(user.id) {
                return Self.loginError(
                    "usernotallowed",
                    "The user is not allowed for this service. First you need to allow this user on the \(service.shortname)'s allowed users administration page."
                )
            }
            let existing = scenario.tokens.first {
                $0.userID == user.id && $0.service == service.shortname && $0.state == .valid
                    && !state.deletedTokens.contains($0.value)
            }
            let token: String
            if let existing {
                token = existing.value
            } else {
                token = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
                state.scenario.tokens.append(Token(value: token, userID: user.id, service: service.shortname))
            }
            let shape = WSShape.object(["token": .string, "privatetoken": .string])
            return .json(
                PHPJSONEncoder.encode(["token": .string(token), "privatetoken": .null], shape: shape),
                contentType: "application/json; charset=utf-8")
        }
    }

    static func loginError(_ code: String, _ message: String) -> RawResponse {
        let shape = WSShape.object([
            "error": .string, "errorcode": .string, "stacktrace": .string, "debuginfo": .string,
            "reproductionlink": .string,
        ])
        let body: WSValue = [
            "error": .string(message), "errorcode": .string(code), "stacktrace": .null, "debuginfo": .null,
            "reproductionlink": .null,
        ]
        return .json(PHPJSONEncoder.encode(body, shape: shape), contentType: "application/json; charset=utf-8")
    }
}
