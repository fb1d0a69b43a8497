import Foundation

/// `core_user_get_users_by_field` and `core_user_get_users`.
enum UserFunctions {
    /// Look-up by `id`, `idnumber`, `username` or `email`, ordered by id.
    ///
    /// As on 5.1, a deleted user is still found by `id` (mangled username, hashed email, no idnumber).
    static let getUsersByField = WSFunction(
        name: "core_user_get_users_by_field", parameters: ["field", "values"], returns: .usersByField
    ) { params, caller, state in
        let scenario = state.scenario
        let field = try params.string("field")
        guard let rawValues = params.root["values"]?.elements else { throw MoodleException.invalidParameter }
        let values = try rawValues.map { value -> String in
            guard let text = value.text else { throw MoodleException.invalidParameter }
            return text
        }
        let matches: (User) -> Bool
        switch field {
        case "id":
            let ids = Set(try rawValues.map(Params.int))
            matches = { ids.contains($0.id) }
        case "idnumber":
            let wanted = Set(values)
            matches = { !$0.deleted && !$0.idnumber.isEmpty && wanted.contains($0.idnumber) }
        case "username":
            // PARAM_USERNAME cleaning lower-cases; a value it would change fails the whole call.
            guard values.allSatisfy({ $0 == $0.lowercased() }) else { throw MoodleException.invalidParameter }
            let wanted = Set(values)
            matches = { !$0.deleted && wanted.contains($0.username) }
        case "email":
            let wanted = Set(values)
            matches = { !$0.deleted && wanted.contains($0.email) }
        default:
            throw MoodleException.codingError("invalid field parameter")
        }
        return .list(
            scenario.users.filter(matches).sorted { $0.id < $1.id }.map {
                UserView.full($0, scenario, callerID: caller.userID)
            })
    }

    /// Search by AND-combined criteria; unknown keys become warnings and are dropped.
    static let getUsers = WSFunction(
        name: "core_user_get_users", parameters: ["criteria"], returns: .users
    ) { params, caller, state in
        let scenario = state.scenario
        let criteria = try params.structList("criteria")
        guard !criteria.isEmpty else { throw MoodleException.invalidParameter }
        var seen = Set<String>()
        var filters: [(User) -> Bool] = []
        var warnings: [WSValue] = []
        for criterion in criteria {
            guard criterion.hasOnlyKeys(["key", "value"]), let key = criterion["key"]?.text,
                let value = criterion["value"]?.text
            else { throw MoodleException.invalidParameter }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter && $0.isASCII }) else {
                throw MoodleException.invalidParameter
            }
            guard seen.insert(key).inserted else { throw MoodleException.keyAlreadySet }
            switch key {
            case "id": filters.append { String($0.id) == value }
            case "idnumber": filters.append { $0.idnumber == value }
            case "username": filters.append { $0.username == value }
            case "auth": filters.append { $0.auth == value }
            case "email": filters.append { like($0.email, value) }
            case "firstname": filters.append { like($0.firstname, value) }
            case "lastname": filters.append { like($0.lastname, value) }
            default:
                warnings.append([
                    "item": .string(key), "warningcode": "invalidfieldparameter",
                    "message": .string(
                        "The search key '\(key)' is not supported, look at the web service documentation"),
                ])
            }
        }
        let users = scenario.users.filter { user in !user.deleted && filters.allSatisfy { $0(user) } }
        return [
            "users": .list(users.sorted { $0.id < $1.id }.map { UserView.full($0, scenario, callerID: caller.userID) }),
            "warnings": .list(warnings),
        ]
    }

    /// SQL `LIKE` without case sensitivity, `%` matching any run of characters.
    static func like(_ text: String, _ pattern: String) -> Bool {
        let parts = pattern.lowercased().components(separatedBy: "%")
        let text = text.lowercased()
        guard parts.count > 1 else { return text == parts[0] }
        guard text.hasPrefix(parts[0]) else { return false }
        var rest = text.dropFirst(parts[0].count)
        for (index, part) in parts.enumerated().dropFirst() {
            if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard !part.isEmpty else { continue }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
