import Foundation

/// Typed access to a function's arguments, failing as Moodle's parameter validation does.
struct Params: Sendable {
    let root: FormValue

    init(_ root: FormValue) { self.root = root }

    /// Fails with `invalidparameter` when a top-level argument is not declared.
    func requireOnly(_ allowed: Set<String>) throws {
        for key in root.keys where !allowed.contains(key) { throw MoodleException.invalidParameter }
    }

    func has(_ name: String) -> Bool { root[name] != nil }

    /// A required `PARAM_INT`.
    func int(_ name: String) throws -> Int {
        guard let value = root[name] else { throw MoodleException.invalidParameter }
        return try Params.int(value)
    }

    /// An optional `PARAM_INT` with a default.
    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let value = root[name] else { return fallback }
        return try Params.int(value)
    }

    /// A `PARAM_BOOL` argument: on 5.1 only `1`/`0` pass.
    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = root[name] else { return fallback }
        switch value.text {
        case "1": return true
        case "0": return false
        default: throw MoodleException.invalidParameter
        }
    }

    /// A text argument (`PARAM_RAW`, `PARAM_ALPHA` …) with a default.
    func string(_ name: String, default fallback: String) throws -> String {
        guard let value = root[name] else { return fallback }
        guard let text = value.text else { throw MoodleException.invalidParameter }
        return text
    }

    /// A required text argument.
    func string(_ name: String) throws -> String {
        guard let text = root[name]?.text else { throw MoodleException.invalidParameter }
        return text
    }

    /// A list of `PARAM_INT`; missing = `[]`.
    func intList(_ name: String) throws -> [Int] {
        guard let value = root[name] else { return [] }
        guard let elements = value.elements else { throw MoodleException.invalidParameter }
        return try elements.map(Params.int)
    }

    /// A list of structures; missing = `[]`.
    func structList(_ name: String) throws -> [FormValue] {
        guard let value = root[name] else { return [] }
        guard let elements = value.elements else { throw MoodleException.invalidParameter }
        for element in elements { guard case .array = element else { throw MoodleException.invalidParameter } }
        return elements
    }

    static func int(_ value: FormValue) throws -> Int {
        guard let text = value.text, let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw MoodleException.invalidParameter
        }
        return number
    }
}

extension FormValue {
    /// Whether an element of a structure list carries only the given keys.
    func hasOnlyKeys(_ allowed: Set<String>) -> Bool { keys.allSatisfy(allowed.contains) }
}
