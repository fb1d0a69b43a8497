import Foundation

/// A value returned by a web-service function before Moodle's `clean_returnvalue` step.
///
/// Handlers build these loosely (a Boolean where the schema says integer is fine); the encoders cast
/// each value to the type its ``WSShape`` declares, exactly as Moodle casts against `*_returns()`.
/// A key missing from an ``object(_:)`` means "optional value absent": JSON omits it, Moodle 5.1 XML
/// still emits it as null.
enum WSValue: Sendable, Equatable {
    /// PHP `null`.
    case null
    /// A Boolean.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A float.
    case double(Double)
    /// Text.
    case string(String)
    /// A list (`MULTIPLE`).
    case list([WSValue])
    /// A structure (`SINGLE`); key order comes from the shape.
    case object([String: WSValue])
}

// MARK: - ExpressibleBy…Literal

extension WSValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: WSValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, WSValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension WSValue {
    /// Wraps an optional string: `nil` becomes ``null``.
    static func string(orNull value: String?) -> WSValue { value.map(WSValue.string) ?? .null }

    /// Wraps an optional integer: `nil` becomes ``null``.
    static func int(orNull value: Int?) -> WSValue { value.map(WSValue.int) ?? .null }

    /// The value as text, the way PHP would print it inside a form field or an XML `VALUE`.
    var scalarText: String? {
        switch self {
        case .null, .list, .object: nil
        case .bool(let b): b ? "1" : "0"
        case .int(let i): String(i)
        case .double(let d): WSValue.phpNumber(d)
        case .string(let s): s
        }
    }

    /// PHP prints whole floats without a decimal point (`100`, not `100.0`).
    static func phpNumber(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
