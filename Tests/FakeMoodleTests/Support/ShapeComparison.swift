/// Compares two parsed bodies: first their shape (keys, key order, value kinds, null-ness), then,
/// optionally, their values.
enum ShapeComparison {
    /// Differences in shape. Lists of objects are matched by `id` (or `cohortid`), other lists by
    /// position; a list empty on one side only is a difference, other length differences are not.
    static func shapeDifferences(expected: Node, actual: Node, path: String = "$") -> [String] {
        switch (expected, actual) {
        case (.object(let e), .object(let a)):
            let ek = e.map(\.key)
            let ak = a.map(\.key)
            if ek != ak { return ["\(path): keys \(ek) ≠ \(ak)"] }
            return zip(e, a).flatMap {
                shapeDifferences(expected: $0.value, actual: $1.value, path: "\(path).\($0.key)")
            }
        case (.list(let e), .list(let a)):
            if e.isEmpty != a.isEmpty { return ["\(path): list with \(e.count) ≠ \(a.count) elements"] }
            return pairs(e, a).flatMap { shapeDifferences(expected: $0.0, actual: $0.1, path: "\(path)[\($0.2)]") }
        default:
            return kind(expected) == kind(actual) ? [] : ["\(path): \(kind(expected)) ≠ \(kind(actual))"]
        }
    }

    /// Differences in values, skipping keys in `ignoring`; lists of objects are compared as sets
    /// keyed by id (or, without ids, as multisets); lists of scalars as multisets.
    static func valueDifferences(expected: Node, actual: Node, ignoring: Set<String>, path: String = "$") -> [String] {
        switch (expected, actual) {
        case (.object(let e), .object(let a)):
            return e.flatMap { pair -> [String] in
                guard !ignoring.contains(pair.key) else { return [] }
                guard let other = a.first(where: { $0.key == pair.key })?.value else {
                    return ["\(path).\(pair.key): missing"]
                }
                return valueDifferences(
                    expected: pair.value, actual: other, ignoring: ignoring, path: "\(path).\(pair.key)")
            }
        case (.list(let e), .list(let a)):
            if let first = e.first ?? a.first, identity(first) != nil {
                let eIDs = e.compactMap(identity).sorted()
                let aIDs = a.compactMap(identity).sorted()
                if eIDs != aIDs { return ["\(path): ids \(eIDs) ≠ \(aIDs)"] }
                return pairs(e, a).flatMap {
                    valueDifferences(expected: $0.0, actual: $0.1, ignoring: ignoring, path: "\(path)[\($0.2)]")
                }
            }
            let es = e.map { strip($0, ignoring).description }.sorted()
            let as_ = a.map { strip($0, ignoring).description }.sorted()
            if es == as_ { return [] }
            let missing = Set(es).subtracting(as_).sorted().prefix(3)
            let extra = Set(as_).subtracting(es).sorted().prefix(3)
            return ["\(path): \(e.count) vs \(a.count) elements; missing \(Array(missing)); unexpected \(Array(extra))"]
        default:
            if kind(expected) != kind(actual) { return ["\(path): \(expected) ≠ \(actual)"] }
            return normal(expected) == normal(actual) ? [] : ["\(path): \(expected) ≠ \(actual)"]
        }
    }

    private static func strip(_ node: Node, _ ignoring: Set<String>) -> Node {
        switch node {
        case .object(let pairs):
            .object(
                pairs.filter { !ignoring.contains($0.key) }.map { .init(key: $0.key, value: strip($0.value, ignoring)) }
            )
        case .list(let items): .list(items.map { strip($0, ignoring) })
        default: node
        }
    }

    private static func normal(_ node: Node) -> String? {
        if case .number(let n) = node, let d = Double(n) { return String(d) }
        return node.text
    }

    static func identity(_ node: Node) -> String? {
        (node["id"] ?? node["cohortid"] ?? node["cmid"])?.text
    }

    private static func pairs(_ e: [Node], _ a: [Node]) -> [(Node, Node, String)] {
        if let first = e.first, identity(first) != nil {
            return e.compactMap { element in
                guard let id = identity(element), let match = a.first(where: { identity($0) == id }) else { return nil }
                return (element, match, "id=\(id)")
            }
        }
        return zip(e, a).enumerated().map { ($1.0, $1.1, String($0)) }
    }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .list: "list"
        case .object: "object"
        }
    }
}
