/// A strict JSON parser producing ``MoodleValue`` trees, keeping number literals verbatim.
///
/// Written by hand rather than on Foundation because Moodle numbers must survive as text (so a JSON
/// `36` equals an XML `36`), a truncated body must be reported with its position, and a sync parses
/// many bodies. Measured against Foundation on Linux, Swift 6.3.1 (`bridge-bench json`, release
/// build, 2 cores; `JSONParserChoiceTests` checks the literals and the errors):
///
/// | parser | 151 captures of `Fixtures/moodle`, 3.4 MB | a 12.1 MB body (enrolled users) |
/// |---|---|---|
/// | this parser, to ``MoodleValue`` | 35 ms | 150 ms |
/// | `JSONSerialization`, to `Any` | 95–98 ms | 430–450 ms |
/// | `JSONSerialization`, then to ``MoodleValue`` | 500–550 ms | 1 790–1 800 ms |
/// | `JSONDecoder`, to a `Decodable` tree | 275 ms | 790–855 ms |
///
/// - Numbers: `JSONSerialization` (as `NSNumber.stringValue`) keeps `36`, `36.0`, `0.1`,
///   `66.666666666667`, `2025100600.02`, `9007199254740993` and `18446744073709551616`, but writes
///   `1e2` as `100.0`, `1.10` as `1.1` and `-0` as `0`. `JSONDecoder` has no literal to give: as
///   `Double`, `9007199254740993` becomes `9007199254740992.0`; as `Decimal`, `36.0` becomes `36`.
///   On the 151 captures, the trees by way of `JSONSerialization` equal this parser's: the
///   literals it rewrites are ones this Moodle did not send.
/// - Errors: for a body cut short, `JSONSerialization` says "Unexpected end of file during JSON
///   parse." and `JSONDecoder` "The given data was not valid JSON.", neither with a position; this
///   parser gives the byte. For a stray byte, `JSONSerialization` gives "around character N" too.
struct JSONValueParser {
    struct Failure: Error, Sendable, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Parses a complete JSON document.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> MoodleValue {
        try bytes.withUnsafeBufferPointer { buffer throws(Failure) in
            var parser = Cursor(bytes: buffer)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            if parser.index != buffer.count { throw parser.failure("trailing characters") }
            return value
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        static let maxDepth = 512

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(Failure) -> MoodleValue {
            guard depth < Self.maxDepth else { throw failure("nesting too deep") }
            guard index < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseList(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw failure("unexpected character")
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw failure("unexpected end of input") }
            let pointer = literal.utf8Start
            for offset in 0..<count where bytes[index + offset] != pointer[offset] {
                throw failure("invalid literal")
            }
            index += count
        }

        mutating func parseObject(depth: Int) throws(Failure) -> MoodleValue {
            index += 1
            var fields: [String: MoodleValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input") }
                guard bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                index += 1
                skipWhitespace()
                fields[key] = try parseValue(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
                throw failure("expected ',' or '}'")
            }
        }

        mutating func parseList(depth: Int) throws(Failure) -> MoodleValue {
            index += 1
            var items: [MoodleValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
                throw failure("expected ',' or ']'")
            }
        }

        mutating func parseNumber() throws(Failure) -> String {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            var digits = 0
            while index < bytes.count {
                let byte = bytes[index]
                let isNumberByte =
                    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                guard isNumberByte else { break }
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits += 1 }
                index += 1
            }
            guard digits > 0 else { throw failure("invalid number") }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        mutating func parseString() throws(Failure) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw failure("control character in string") }
                index += 1
            }
            var scalars = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                }
                if byte < 0x20 { throw failure("control character in string") }
                if byte != UInt8(ascii: "\\") { scalars.append(byte); index += 1; continue }
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"): scalars.append(contentsOf: try parseUnicodeEscape())
                default: throw failure("invalid escape")
                }
            }
            throw failure("unterminated string")
        }

        mutating func parseHex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("unexpected end of input") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw failure("invalid \\u escape")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        mutating func parseUnicodeEscape() throws(Failure) -> [UInt8] {
            var code = try parseHex4()
            if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count,
                bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            {
                index += 2
                let low = try parseHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    code = 0xFFFD
                }
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            return Array(String(Character(scalar)).utf8)
        }
    }
}
