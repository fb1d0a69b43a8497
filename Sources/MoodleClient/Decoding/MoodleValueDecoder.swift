/// Decodes `Decodable` models from a ``MoodleValue`` tree, tolerating the differences between
/// Moodle's JSON and XML renderings and between Moodle versions.
///
/// Tolerances:
/// - a missing key, `null`, and (for optional structures) an object whose values are all null are
///   the same thing: `decodeIfPresent` returns `nil`;
/// - a missing or null list decodes as `[]` (JSON omits empty optional lists, XML emits them);
/// - extra keys are ignored;
/// - numbers may arrive as strings (XML has no types) and strings may hold numbers;
/// - booleans may be `true`/`false`, `1`/`0` or `"1"`/`"0"`/`"true"`/`"false"`;
/// - `[]` stands for an empty object (PHP renders an empty array that way).
public struct MoodleValueDecoder: Sendable {
    public init() {}

    /// Decodes `type` from `value`; throws `DecodingError` when a required value is missing or
    /// cannot be converted.
    public func decode<T: Decodable>(_ type: T.Type, from value: MoodleValue) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: []))
    }
}

struct ValueDecoder: Decoder {
    let value: MoodleValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .object(let fields):
            return KeyedDecodingContainer(KeyedValueContainer(fields: fields, codingPath: codingPath))
        case .null, .list([]): return KeyedDecodingContainer(KeyedValueContainer(fields: [:], codingPath: codingPath))
        default: throw mismatch(expected: "an object")
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .list(let items): return UnkeyedValueContainer(items: items, codingPath: codingPath)
        case .null: return UnkeyedValueContainer(items: [], codingPath: codingPath)
        // PHP renders an empty map as `{}` only via json_encode of objects; treat `{}` as empty.
        case .object(let fields) where fields.isEmpty: return UnkeyedValueContainer(items: [], codingPath: codingPath)
        default: throw mismatch(expected: "a list")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

    func mismatch(expected: String) -> DecodingError {
        DecodingError.typeMismatch(
            Any.self, .init(codingPath: codingPath, debugDescription: "Expected \(expected), found \(value.kindName)"))
    }
}

struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: MoodleValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { (fields[key.stringValue] ?? .null) == .null }

    private func decoder(for key: Key) -> ValueDecoder {
        ValueDecoder(value: fields[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = fields[key.stringValue] ?? .null
        if value == .null, !(T.self is any MoodleAbsentDecodable.Type) {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "Missing or null value for \"\(key.stringValue)\"")
            )
        }
        return try T(from: decoder(for: key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = fields[key.stringValue], value != .null else { return nil }
        if case .object = value, value.isEffectivelyEmpty, !(T.self is any MoodleAbsentDecodable.Type) { return nil }
        return try T(from: decoder(for: key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(fields), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder(for: key) }
}

struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let items: [MoodleValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [MoodleValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "List ended early"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: items[currentIndex], codingPath: codingPath + [IndexKey(intValue: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct IndexKey: CodingKey {
    var stringValue: String { String(intValue ?? 0) }
    var intValue: Int?
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { guard let index = Int(stringValue) else { return nil }; intValue = index }
}

/// Types that decode from a missing or null value (lists become empty) instead of failing.
protocol MoodleAbsentDecodable {}
extension Array: MoodleAbsentDecodable {}
extension MoodleValue: MoodleAbsentDecodable {}

extension MoodleValue {
    var kindName: String {
        switch self {
        case .null: "null"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .list: "a list"
        case .object: "an object"
        }
    }
}
