import Foundation

/// A request argument decoded from PHP's bracket syntax (`options[0][name]=limitfrom`).
///
/// PHP turns every form field into either a string or an (ordered) array keyed by strings;
/// `courseids[0]=2&courseids[1]=7` becomes `["0": "2", "1": "7"]`.
enum FormValue: Sendable, Equatable {
    /// A scalar field.
    case text(String)
    /// A PHP array: keyed elements in the order they arrived.
    case array([(key: String, value: FormValue)])

    public static func == (lhs: FormValue, rhs: FormValue) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)): a == b
        case (.array(let a), .array(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The element stored under `key`, if this is an array.
    public subscript(key: String) -> FormValue? {
        guard case .array(let pairs) = self else { return nil }
        return pairs.last(where: { $0.key == key })?.value
    }

    /// The text, if this is a scalar.
    public var text: String? {
        if case .text(let s) = self { s } else { nil }
    }

    /// The elements in order, if this is an array (PHP lists are arrays with keys 0, 1, …).
    public var elements: [FormValue]? {
        if case .array(let pairs) = self { pairs.map(\.value) } else { nil }
    }

    /// The keys in order, if this is an array.
    public var keys: [String] {
        if case .array(let pairs) = self { pairs.map(\.key) } else { [] }
    }

    /// Builds the argument tree from `name=value` pairs in PHP's bracket syntax; later pairs win.
    public static func decode(fields: [(String, String)]) -> FormValue {
        var root = FormValue.array([])
        for (name, value) in fields {
            let path = bracketPath(name)
            guard !path.isEmpty else { continue }
            root.insert(value, at: path[...])
        }
        return root
    }

    /// Converts JSON text (batched `arguments`) into the tree a form post would give; `nil` if invalid.
    static func fromJSON(_ text: String) -> FormValue? {
        guard let json = try? JSONDecoder().decode(JSONTree.self, from: Data(text.utf8)) else { return nil }
        return json.formValue
    }

    private static func bracketPath(_ name: String) -> [String] {
        guard let open = name.firstIndex(of: "[") else { return [name] }
        var path = [String(name[..<open])]
        var rest = name[open...]
        while rest.first == "[", let close = rest.firstIndex(of: "]") {
            path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return path
    }

    private mutating func insert(_ value: String, at path: ArraySlice<String>) {
        guard case .array(var pairs) = self, var key = path.first else { return }
        if key.isEmpty {
            // `a[]=x` appends with the next integer key, as PHP does.
            key = String((pairs.compactMap { Int($0.key) }.max() ?? -1) + 1)
        }
        let rest = path.dropFirst()
        let index = pairs.firstIndex(where: { $0.key == key })
        if rest.isEmpty {
            if let index { pairs[index].value = .text(value) } else { pairs.append((key, .text(value))) }
        } else {
            var child: FormValue = .array([])
            if let index, case .array = pairs[index].value { child = pairs[index].value }
            child.insert(value, at: rest)
            if let index { pairs[index].value = child } else { pairs.append((key, child)) }
        }
        self = .array(pairs)
    }
}

extension FormValue {
    /// Parses an `application/x-www-form-urlencoded` body or query string into pairs.
    static func pairs(fromURLEncoded string: String) -> [(String, String)] {
        string.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let plus = s.replacingOccurrences(of: "+", with: " ")
                return plus.removingPercentEncoding ?? plus
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }
}

/// A JSON document decoded without losing the difference between `true` and `1`.
enum JSONTree: Decodable {
    case bool(Bool), number(Double), string(String), null
    case list([JSONTree]), object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let l = try? c.decode([JSONTree].self) {
            self = .list(l)
        } else {
            self = .object(try c.decode([String: JSONTree].self))
        }
    }

    var formValue: FormValue {
        switch self {
        case .bool(let b): .text(b ? "1" : "0")
        case .number(let n): .text(WSValue.phpNumber(n))
        case .string(let s): .text(s)
        case .null: .text("")
        case .list(let l): .array(l.enumerated().map { (String($0.offset), $0.element.formValue) })
        case .object(let o): .array(o.keys.sorted().map { ($0, o[$0]!.formValue) })
        }
    }
}
