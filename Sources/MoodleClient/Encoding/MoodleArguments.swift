/// The ordered named arguments of one web-service call.
public struct MoodleArguments: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The arguments in wire order.
    public var parameters: [MoodleNamedParameter]

    public init(_ parameters: [MoodleNamedParameter] = []) { self.parameters = parameters }

    public init(dictionaryLiteral elements: (String, MoodleParameter)...) {
        parameters = elements.map { MoodleNamedParameter($0.0, $0.1) }
    }

    /// Appends an argument; `nil` values are omitted (Moodle has no null in form encoding).
    public mutating func append(_ name: String, _ value: MoodleParameter?) {
        if let value { parameters.append(MoodleNamedParameter(name, value)) }
    }

    /// The form fields in PHP bracket syntax, in order, not yet percent-encoded.
    public var formFields: [(name: String, value: String)] {
        var fields: [(String, String)] = []
        for parameter in parameters {
            parameter.value.appendFormFields(prefix: parameter.name, to: &fields)
        }
        return fields.map { (name: $0.0, value: $0.1) }
    }

    /// The arguments as one JSON object, the way `tool_mobile_call_external_functions` expects them.
    public var jsonObjectText: String {
        JSONText.encode(.object(parameters))
    }
}
