import Foundation

/// A parsed response body that keeps key order: from JSON or from Moodle's XML.
indirect enum Node: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case list([Node])
    case object([Pair])

    struct Pair: Equatable {
        var key: String
        var value: Node
    }

    subscript(key: String) -> Node? {
        if case .object(let pairs) = self { return pairs.first { $0.key == key }?.value }
        return nil
    }

    var items: [Node] { if case .list(let l) = self { l } else { [] } }

    var text: String? {
        switch self {
        case .string(let s), .number(let s): s
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): n
        case .string(let s): "\"\(s)\""
        case .list(let l): "[" + l.map(\.description).joined(separator: ",") + "]"
        case .object(let o): "{" + o.map { "\($0.key):\($0.value)" }.joined(separator: ",") + "}"
        }
    }

    /// The tree without list elements that are custom fields with one of the given shortnames.
    func removingFields(_ shortnames: Set<String>) -> Node {
        switch self {
        case .object(let pairs): .object(pairs.map { Pair(key: $0.key, value: $0.value.removingFields(shortnames)) })
        case .list(let items):
            .list(
                items.filter { $0["shortname"]?.text.map { !shortnames.contains($0) } ?? true }.map {
                    $0.removingFields(shortnames)
                })
        default: self
        }
    }

    // MARK: - JSON

    struct ParseError: Error { var message: String }

    static func json(_ data: Data) throws -> Node {
        var parser = JSONParser(bytes: Array(data))
        let node = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw ParseError(message: "trailing bytes") }
        return node
    }

    private struct JSONParser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value() throws -> Node {
            skipSpace()
            guard index < bytes.count else { throw ParseError(message: "unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var pairs: [Pair] = []
                skipSpace()
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    guard case .string(let key) = try value() else { throw ParseError(message: "key") }
                    skipSpace()
                    guard bytes[index] == UInt8(ascii: ":") else { throw ParseError(message: "colon") }
                    index += 1
                    pairs.append(Pair(key: key, value: try value()))
                    skipSpace()
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "}") else { throw ParseError(message: "object end") }
                    index += 1
                    return .object(pairs)
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [Node] = []
                skipSpace()
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "]") else { throw ParseError(message: "list end") }
                    index += 1
                    return .list(items)
                }
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
                index += 1
                let literal = Data(bytes[start..<index])
                guard
                    let string = try JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed) as? String
                else {
                    throw ParseError(message: "string")
                }
                return .string(string)
            case UInt8(ascii: "t"): index += 4; return .bool(true)
            case UInt8(ascii: "f"): index += 5; return .bool(false)
            case UInt8(ascii: "n"): index += 4; return .null
            default:
                let start = index
                while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                guard index > start else { throw ParseError(message: "value at \(index)") }
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }
    }

    // MARK: - XML

    /// Parses Moodle's REST XML (`RESPONSE`/`SINGLE`/`MULTIPLE`/`KEY`/`VALUE`, or `EXCEPTION`).
    static func xml(_ text: String) throws -> Node {
        var tokens = XMLTokens(text)
        while let token = tokens.next() {
            switch token {
            case .open("RESPONSE", _):
                if case .close("RESPONSE")? = tokens.peek() { return .null }
                return try xmlValue(&tokens)
            case .open("EXCEPTION", let attributes):
                var pairs = [Pair(key: "exception", value: .string(attributes["class"] ?? ""))]
                while let inner = tokens.next() {
                    if case .open(let tag, _) = inner {
                        pairs.append(Pair(key: tag.lowercased(), value: .string(tokens.textUntilClose())))
                    }
                }
                return .object(pairs)
            default: continue
            }
        }
        throw ParseError(message: "no RESPONSE")
    }

    private static func xmlValue(_ tokens: inout XMLTokens) throws -> Node {
        switch tokens.next() {
        case .open("VALUE", let attributes)?:
            if attributes["null"] == "null" { return .null }
            return .string(tokens.textUntilClose())
        case .open("SINGLE", _)?:
            var pairs: [Pair] = []
            while case .open("KEY", let attributes)? = tokens.next() {
                pairs.append(Pair(key: attributes["name"] ?? "", value: try xmlValue(&tokens)))
                _ = tokens.next()  // </KEY>
            }
            return .object(pairs)
        case .open("MULTIPLE", _)?:
            var items: [Node] = []
            while let next = tokens.peek(), case .open = next { items.append(try xmlValue(&tokens)) }
            _ = tokens.next()  // </MULTIPLE>
            return .list(items)
        default:
            throw ParseError(message: "unexpected XML token")
        }
    }
}

/// Tags of Moodle's XML; text between tags is read on demand.
private struct XMLTokens {
    enum Token {
        case open(String, [String: String])
        case close(String)
    }

    private let scalars: [Character]
    private var index = 0
    private var peeked: (Token, Int)?

    init(_ text: String) { scalars = Array(text) }

    mutating func peek() -> Token? {
        let saved = index
        let token = next()
        if let token { peeked = (token, index) }
        index = saved
        return token
    }

    mutating func next() -> Token? {
        if let (token, end) = peeked { peeked = nil; index = end; return token }
        while index < scalars.count {
            guard scalars[index] == "<" else { index += 1; continue }
            var end = index
            while scalars[end] != ">" { end += 1 }
            let body = String(scalars[(index + 1)..<end])
            index = end + 1
            if body.hasPrefix("?") { continue }
            if body.hasPrefix("/") { return .close(String(body.dropFirst())) }
            let selfClosing = body.hasSuffix("/")
            let content = selfClosing ? String(body.dropLast()) : body
            let name = String(content.prefix { $0 != " " })
            var attributes: [String: String] = [:]
            var rest = content.dropFirst(name.count)
            while let eq = rest.firstIndex(of: "=") {
                let key = rest[..<eq].trimmingCharacters(in: .whitespaces)
                let afterQuote = rest.index(eq, offsetBy: 2)
                let close = rest[afterQuote...].firstIndex(of: "\"")!
                attributes[key] = unescape(String(rest[afterQuote..<close]))
                rest = rest[rest.index(after: close)...]
            }
            if selfClosing { attributes["/"] = "1" }
            return .open(name, attributes)
        }
        return nil
    }

    /// Text up to the next closing tag, consuming it (self-closing tags have none).
    mutating func textUntilClose() -> String {
        var text = ""
        while index < scalars.count, scalars[index] != "<" { text.append(scalars[index]); index += 1 }
        _ = next()
        return unescape(text)
    }

    private func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#039;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
