/// One sub-call of a `tool_mobile_call_external_functions` batch.
public struct MoodleBatchRequest: Sendable, Equatable {
    public var function: String
    public var arguments: MoodleArguments

    public init(_ function: String, _ arguments: MoodleArguments = [:]) {
        self.function = function
        self.arguments = arguments
    }
}

/// The decoded outer response of `tool_mobile_call_external_functions`.
struct MoodleBatchResponse: Decodable {
    struct Item: Decodable {
        var error: Bool
        var data: String?
        var exception: String?
    }

    var responses: [Item]
}
