import Foundation

/// Prints results as text for people or as one JSON object for scripts.
enum Printer {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints `value` (an object) as one JSON object with a `ledger` field naming the ledger used.
    static func json(_ value: some Encodable, ledger: LedgerLocation) throws {
        try json(WithLedger(value: value, ledger: ledger.description))
    }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// An encodable object with a `ledger` field added beside its own.
private struct WithLedger<Value: Encodable>: Encodable {
    let value: Value
    let ledger: String

    private enum Key: String, CodingKey { case ledger }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(ledger, forKey: .ledger)
    }
}
