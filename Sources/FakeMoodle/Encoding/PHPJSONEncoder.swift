import Foundation

/// Serialises a ``WSValue`` the way PHP's `json_encode` does on Moodle 5.1.
///
/// Every non-ASCII character becomes `\uXXXX` (UTF-16), `/` becomes `\/`, and keys follow the
/// declared shape's order; keys absent from the value are omitted.
enum PHPJSONEncoder {
    static func encode(_ value: WSValue, shape: WSShape?) -> String {
        var out = ""
        out.reserveCapacity(1024)
        write(value, shape: shape, into: &out)
        return out
    }

    /// Encodes a plain value with keys in sorted order (used for nested JSON strings and errors).
    static func encodeUntyped(_ value: WSValue) -> String { encode(value, shape: nil) }

    private static func write(_ value: WSValue, shape: WSShape?, into out: inout String) {
        switch (value, shape) {
        case (.null, _):
            out += "null"
        case (.list(let items), _):
            let element: WSShape? = if case .list(let e) = shape { e } else { nil }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, shape: element, into: &out)
            }
            out += "]"
        case (.object(let dict), .single(let fields)):
            out += "{"
            var first = true
            for field in fields {
                guard let v = dict[field.name] else { continue }
                if !first { out += "," }
                first = false
                writeString(field.name, into: &out)
                out += ":"
                write(v, shape: field.shape, into: &out)
            }
            out += "}"
        case (.object(let dict), _):
            // PHP serialises an empty array as `[]`, whatever it was meant to be.
            if dict.isEmpty, shape == nil { out += "[]"; return }
            out += "{"
            for (i, key) in dict.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(dict[key]!, shape: nil, into: &out)
            }
            out += "}"
        default:
            writeScalar(value, shape: shape, into: &out)
        }
    }

    private static func writeScalar(_ value: WSValue, shape: WSShape?, into out: inout String) {
        switch shape {
        case .bool?:
            switch value {
            case .bool(let b): out += b ? "true" : "false"
            case .int(let i): out += i != 0 ? "true" : "false"
            case .string(let s): out += (s == "1" || s == "true") ? "true" : "false"
            default: out += "false"
            }
        case .int?:
            switch value {
            case .bool(let b): out += b ? "1" : "0"
            case .int(let i): out += String(i)
            case .double(let d): out += String(Int(d))
            case .string(let s): out += String(Int(s) ?? 0)
            default: out += "0"
            }
        case .float?:
            switch value {
            case .double(let d): out += WSValue.phpNumber(d)
            case .int(let i): out += String(i)
            case .bool(let b): out += b ? "1" : "0"
            case .string(let s): out += WSValue.phpNumber(Double(s) ?? 0)
            default: out += "0"
            }
        case .string?:
            writeString(value.scalarText ?? "", into: &out)
        default:
            switch value {
            case .bool(let b): out += b ? "true" : "false"
            case .int, .double: out += value.scalarText ?? "0"
            default: writeString(value.scalarText ?? "", into: &out)
            }
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for unit in s.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x2F: out += "\\/"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}
