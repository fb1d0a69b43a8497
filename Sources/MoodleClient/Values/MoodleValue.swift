/// A format-neutral tree of a Moodle web-service response.
///
/// Both wire formats parse into this tree and typed models are decoded from it, so JSON and XML
/// give identical results. Numbers keep their literal text (`"66.666666666667"`, `"2025100600.02"`),
/// because XML carries no types and JSON numbers must compare equal to the XML text.
public enum MoodleValue: Sendable, Equatable {
    case null
    case string(String)
    /// A JSON number, kept as its literal text.
    case number(String)
    case bool(Bool)
    case list([MoodleValue])
    case object([String: MoodleValue])

    /// The value under `key` when this is an object, else `nil`.
    public subscript(key: String) -> MoodleValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The text of a scalar (`string`, `number`, or `bool` as `1`/`0`, as XML would render it).
    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "1" : "0"
        case .null, .list, .object: return nil
        }
    }

    /// True for `null`, and for lists and objects containing only such values.
    ///
    /// Moodle 5.1's XML emits an absent optional structure as a `SINGLE` whose scalars are all null;
    /// the decoder treats such a value like a missing key.
    public var isEffectivelyEmpty: Bool {
        switch self {
        case .null: return true
        case .list(let items): return items.allSatisfy(\.isEffectivelyEmpty)
        case .object(let fields): return fields.values.allSatisfy(\.isEffectivelyEmpty)
        case .string, .number, .bool: return false
        }
    }

    /// The Moodle exception carried by this value, if it is an object with an `exception` key.
    var exceptionPayload: MoodleExceptionPayload? {
        guard case .object(let fields) = self, let exception = fields["exception"]?.scalarText else {
            return nil
        }
        return MoodleExceptionPayload(
            exceptionClass: exception,
            errorCode: fields["errorcode"]?.scalarText,
            message: fields["message"]?.scalarText ?? "",
            debugInfo: fields["debuginfo"]?.scalarText)
    }
}

/// An exception object as rendered by Moodle's web-service server (JSON or XML).
struct MoodleExceptionPayload: Sendable, Equatable {
    var exceptionClass: String
    var errorCode: String?
    var message: String
    var debugInfo: String?
}
