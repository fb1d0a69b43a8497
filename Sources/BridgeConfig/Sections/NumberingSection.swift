import CreditCore

/// Reads `numbering:` — the prefixes of the document number series:
///
/// ```yaml
/// numbering: { certificates: "", statements: "С-", cancellations: "А-" }
/// ```
///
/// A prefix is at most 12 letters, digits, `-`, `/` or `.`; the three must differ, so that no two
/// series can write the same registration number.
enum NumberingSection {
    static func read(_ value: YAMLValue, into numbering: inout DocumentNumbering) {
        guard let keys = value.mapping else { return }
        defer { keys.rejectUnknownKeys() }
        var seen: [String: String] = [:]
        for (key, path) in [
            ("certificates", \DocumentNumbering.certificatePrefix), ("statements", \.statementPrefix),
            ("cancellations", \.cancellationPrefix),
        ] as [(String, WritableKeyPath<DocumentNumbering, String>)] {
            guard let field = keys.optional(key), let prefix = field.string else { continue }
            guard prefix.count <= 12, prefix.allSatisfy({ $0.isLetter || $0.isNumber || "-/.".contains($0) }) else {
                field.error("prefix '\(prefix)' may hold at most 12 letters, digits, '-', '/' or '.'")
                continue
            }
            numbering[keyPath: path] = prefix
        }
        for (key, path) in [
            ("certificates", \DocumentNumbering.certificatePrefix), ("statements", \.statementPrefix),
            ("cancellations", \.cancellationPrefix),
        ] as [(String, KeyPath<DocumentNumbering, String>)] {
            let prefix = numbering[keyPath: path]
            if let other = seen[prefix] {
                value.error(
                    "the \(other) and \(key) series both have the prefix '\(prefix)'; each series needs its own")
            }
            seen[prefix] = key
        }
    }
}
