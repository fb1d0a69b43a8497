/// The declared return structure of a web-service function (Moodle's `external_description`).
///
/// Key order in an ``object(_:)`` is the order Moodle emits, in JSON and in XML.
indirect enum WSShape: Sendable {
    /// `PARAM_INT`: a JSON number; Booleans become 0/1.
    case int
    /// `PARAM_FLOAT`: whole values print without a decimal point.
    case float
    /// `PARAM_BOOL`: JSON `true`/`false`, XML `1`/`0`.
    case bool
    /// Text types.
    case string
    /// `PARAM_RAW`: the value keeps its own type (a number stays a number).
    case raw
    /// `external_multiple_structure`.
    case list(WSShape)
    /// `external_single_structure`, keys in order.
    case single([WSField])

    /// Builds a structure from an ordered literal: `.object(["id": .int, "name": .string])`.
    public static func object(_ fields: KeyValuePairs<String, WSShape>) -> WSShape {
        .single(fields.map { WSField(name: $0.key, shape: $0.value) })
    }
}

/// One key of a ``WSShape/single(_:)`` structure.
struct WSField: Sendable {
    /// The key name.
    public var name: String
    /// The key's declared shape.
    public var shape: WSShape
}

extension WSShape {
    /// Moodle's standard `warnings` list.
    static let warnings: WSShape = .list(
        .object([
            "item": .string, "itemid": .int, "warningcode": .string, "message": .string,
        ]))
}
