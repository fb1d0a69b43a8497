extension MoodleValue {
    /// Parses a Moodle JSON body (e.g. a fixture) into a tree; throws `malformedResponse`.
    public static func parse(json bytes: [UInt8]) throws(MoodleError) -> MoodleValue {
        do {
            return try JSONValueParser.parse(bytes)
        } catch {
            throw MoodleError(code: .malformedResponse, message: "Invalid JSON: \(error)", cause: error)
        }
    }

    /// Parses a Moodle REST XML body (`RESPONSE` or `EXCEPTION`) into a tree; throws `malformedResponse`.
    public static func parse(xml bytes: [UInt8]) throws(MoodleError) -> MoodleValue {
        do {
            return try XMLValueParser.parse(bytes)
        } catch {
            throw MoodleError(code: .malformedResponse, message: "Invalid Moodle XML: \(error)", cause: error)
        }
    }

    /// Decodes this tree as a model with the tolerant ``MoodleValueDecoder``.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try MoodleValueDecoder().decode(type, from: self)
    }
}
