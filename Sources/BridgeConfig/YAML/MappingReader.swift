import CreditCore
import Yams

/// Reads the keys of one YAML mapping, reporting missing keys, wrong types and unknown keys (which
/// are usually typos) with their file, line and key path.
final class MappingReader {
    let value: YAMLValue
    private var entries: [(key: String, value: Node, line: Int)] = []
    private var used: Set<String> = []

    init(_ value: YAMLValue) {
        self.value = value
        for (key, node) in value.node.mapping ?? [:] {
            entries.append((key.string ?? "?", node, key.mark?.line ?? value.location.line))
        }
    }

    var location: SourceLocation { value.location }
    var keys: [String] { entries.map(\.key) }

    /// The value of `key`, or `nil`; a required key that is missing is reported.
    func optional(_ key: String) -> YAMLValue? {
        used.insert(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .scalar(let scalar) = entry.value,
            scalar.tag == Tag(.null) || scalar.string.isEmpty && scalar.style == .plain
        {
            return nil
        }
        return value.child(entry.value, key: key)
    }

    func required(_ key: String) -> YAMLValue? {
        guard let found = optional(key) else {
            value.diagnostics.error(
                "missing key '\(key)'", at: location, key: value.path.isEmpty ? key : "\(value.path).\(key)")
            return nil
        }
        return found
    }

    func string(_ key: String) -> String? { required(key)?.string }
    func optionalString(_ key: String) -> String? { optional(key)?.string }
    func int(_ key: String) -> Int? { required(key)?.int }
    func optionalInt(_ key: String) -> Int? { optional(key)?.int }
    func optionalBool(_ key: String) -> Bool? { optional(key)?.bool }

    /// Every entry, in file order, as values (for mappings keyed by data, such as plan months).
    func allEntries() -> [(key: String, value: YAMLValue)] {
        entries.map { entry in
            used.insert(entry.key)
            return (entry.key, value.child(entry.value, key: entry.key))
        }
    }

    /// Reports keys that nothing asked for; call it when the mapping is read.
    func rejectUnknownKeys() {
        let unknown = entries.filter { !used.contains($0.key) }
        guard !unknown.isEmpty else { return }
        let expected = used.sorted().joined(separator: ", ")
        for entry in unknown {
            value.diagnostics.error(
                "unknown key '\(entry.key)' (expected: \(expected))",
                at: SourceLocation(file: value.file, line: entry.line),
                key: value.path.isEmpty ? entry.key : "\(value.path).\(entry.key)")
        }
    }
}
