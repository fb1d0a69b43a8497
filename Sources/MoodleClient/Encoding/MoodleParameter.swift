/// One web-service argument value, encoded in PHP bracket syntax (`options[0][name]=limitfrom`).
///
/// There is no null: Moodle cannot receive one in form encoding, so omit the argument instead.
public indirect enum MoodleParameter: Sendable, Equatable {
    case string(String)
    case int(Int)
    /// Sent as `1`/`0`: Moodle 5.1 rejects `true`/`false` for `PARAM_BOOL` arguments.
    case bool(Bool)
    /// A list, sent with explicit indexes (`ids[0]=3&ids[1]=7`).
    case list([MoodleParameter])
    /// A structure whose fields keep their order on the wire.
    case object([MoodleNamedParameter])

    /// A structure from ordered `(name, value)` pairs.
    public static func fields(_ pairs: KeyValuePairs<String, MoodleParameter>) -> MoodleParameter {
        .object(pairs.map { MoodleNamedParameter($0.key, $0.value) })
    }

    /// The list of Moodle's `{name, value}` option structures used by many functions.
    public static func options(_ options: [(name: String, value: String)]) -> MoodleParameter {
        .list(options.map { .fields(["name": .string($0.name), "value": .string($0.value)]) })
    }

    /// Appends this value's form fields, named from `prefix`, to `fields`.
    func appendFormFields(prefix: String, to fields: inout [(String, String)]) {
        switch self {
        case .string(let text): fields.append((prefix, text))
        case .int(let number): fields.append((prefix, String(number)))
        case .bool(let flag): fields.append((prefix, flag ? "1" : "0"))
        case .list(let items):
            for (index, item) in items.enumerated() {
                item.appendFormFields(prefix: "\(prefix)[\(index)]", to: &fields)
            }
        case .object(let members):
            for member in members {
                member.value.appendFormFields(prefix: "\(prefix)[\(member.name)]", to: &fields)
            }
        }
    }
}

/// A named argument: a top-level parameter or a field of a ``MoodleParameter/object(_:)``.
public struct MoodleNamedParameter: Sendable, Equatable {
    public var name: String
    public var value: MoodleParameter

    public init(_ name: String, _ value: MoodleParameter) {
        self.name = name
        self.value = value
    }
}

extension MoodleParameter: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: MoodleParameter...) { self = .list(elements) }
}
