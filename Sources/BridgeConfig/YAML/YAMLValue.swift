import CreditCore
import Yams

/// A YAML node, with the file, line and key path it was read from.
struct YAMLValue {
    let node: Node
    let file: String
    /// The key path from the document root, e.g. `programs[1].modules`.
    let path: String
    let diagnostics: DiagnosticCollector

    var location: SourceLocation { SourceLocation(file: file, line: node.mark?.line ?? 1) }

    func child(_ node: Node, key: String) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)", diagnostics: diagnostics)
    }

    func element(_ node: Node, index: Int) -> YAMLValue {
        YAMLValue(node: node, file: file, path: "\(path)[\(index)]", diagnostics: diagnostics)
    }

    func error(_ message: String) { diagnostics.error(message, at: location, key: path) }
    func warning(_ message: String) { diagnostics.warning(message, at: location, key: path) }

    /// The scalar's text, or `nil` (reported) when the node is a list or a mapping.
    var string: String? {
        guard let scalar = node.scalar else {
            error("expected a single value, found \(node.kindName)")
            return nil
        }
        return scalar.string
    }

    var int: Int? {
        guard let text = string else { return nil }
        guard let value = Int(text) else {
            error("expected a whole number, found '\(text)'")
            return nil
        }
        return value
    }

    var bool: Bool? {
        guard let text = string else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("expected true or false, found '\(text)'")
            return nil
        }
    }

    /// The elements of a list, or `nil` (reported) when the node is not a list.
    var list: [YAMLValue]? {
        guard let sequence = node.sequence else {
            error("expected a list, found \(node.kindName)")
            return nil
        }
        return sequence.enumerated().map { element($1, index: $0) }
    }

    /// A reader for a mapping, or `nil` (reported) when the node is not one.
    var mapping: MappingReader? {
        guard node.mapping != nil else {
            error("expected keys and values, found \(node.kindName)")
            return nil
        }
        return MappingReader(self)
    }

    /// One of a closed set of words, e.g. a form or a category.
    func oneOf<T: RawRepresentable & CaseIterable>(_ type: T.Type, what: String) -> T? where T.RawValue == String {
        guard let text = string else { return nil }
        guard let value = T(rawValue: text) else {
            error("unknown \(what) '\(text)'; expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar(let scalar): "the value '\(scalar.string)'"
        case .mapping: "keys and values"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
