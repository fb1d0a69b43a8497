/// Scalar decoding with Moodle's type looseness (see ``MoodleValueDecoder``).
struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    private var value: MoodleValue { decoder.value }

    func decodeNil() -> Bool { value == .null }

    private func text(_ expected: String) throws -> String {
        guard let text = value.scalarText else { throw decoder.mismatch(expected: expected) }
        return text.trimmingWhitespace()
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        if case .bool(let flag) = value { return flag }
        switch try text("a boolean").lowercased() {
        case "1", "true": return true
        case "0", "false", "": return false
        default: throw decoder.mismatch(expected: "a boolean")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard let text = value.scalarText else { throw decoder.mismatch(expected: "a string") }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard let number = Double(try text("a number")) else { throw decoder.mismatch(expected: "a number") }
        return number
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode<T: BinaryInteger & LosslessStringConvertible>(integer type: T.Type) throws -> T {
        let text = try text("an integer")
        if let integer = T(text) { return integer }
        // PHP may print an integral float as "12.0"; accept it when exact.
        if let number = Double(text), number.rounded() == number, let integer = T(exactly: number) { return integer }
        throw decoder.mismatch(expected: "an integer")
    }

    func decode(_ type: Int.Type) throws -> Int { try decode(integer: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(integer: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(integer: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(integer: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(integer: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(integer: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(integer: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(integer: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(integer: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(integer: type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == MoodleValue.self, let value = value as? T { return value }
        return try T(from: decoder)
    }
}

extension MoodleValue: Decodable {
    /// Decoding a `MoodleValue` property keeps the raw subtree (only through ``MoodleValueDecoder``).
    public init(from decoder: any Decoder) throws {
        guard let valueDecoder = decoder as? ValueDecoder else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "MoodleValue decodes only via MoodleValueDecoder")
            )
        }
        self = valueDecoder.value
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
