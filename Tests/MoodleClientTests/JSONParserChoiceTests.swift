import Foundation
import Testing

@testable import MoodleClient

/// Why MoodleClient parses JSON itself (see `JSONValueParser`): what Foundation's parsers do with
/// the same input. A failure here means Foundation changed, and that reason needs checking again;
/// `bridge-bench json` gives the timings.
@Suite("JSON parser: MoodleClient's next to Foundation's")
struct JSONParserChoiceTests {
    static let literals = [
        "36", "36.0", "1e2", "0.1", "1.10", "66.666666666667", "2025100600.02", "-0", "9007199254740993",
        "18446744073709551616",
    ]

    /// `literal` as the only item of a list, by `JSONSerialization`, as `NSNumber.stringValue`.
    static func throughSerialization(_ literal: String) throws -> String? {
        let list = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [Any]
        return (list?.first as? NSNumber)?.stringValue
    }

    @Test("MoodleClient keeps every number literal as written", arguments: literals)
    func ownParserKeepsLiterals(literal: String) throws {
        #expect(try JSONValueParser.parse(Array("[\(literal)]".utf8)) == .list([.number(literal)]))
    }

    @Test("JSONSerialization rewrites an exponent, a trailing zero and a negative zero")
    func serializationRewrites() throws {
        #expect(try Self.throughSerialization("1e2") == "100.0")
        #expect(try Self.throughSerialization("1.10") == "1.1")
        #expect(try Self.throughSerialization("-0") == "0")
        for kept in ["36", "36.0", "0.1", "66.666666666667", "2025100600.02", "9007199254740993"] {
            #expect(try Self.throughSerialization(kept) == kept)
        }
    }

    @Test("JSONDecoder has no literal to give: as Double, 2^53 + 1 is rounded; as Decimal, 36.0 is 36")
    func decoderLosesLiterals() throws {
        #expect(try JSONDecoder().decode([Double].self, from: Data("[9007199254740993]".utf8)) == [9007199254740992])
        #expect(try JSONDecoder().decode([Decimal].self, from: Data("[36.0]".utf8)).map { "\($0)" } == ["36"])
    }

    @Test("a cut body: MoodleClient names the byte; JSONSerialization and JSONDecoder do not")
    func truncatedBody() throws {
        let body = Array(#"[{"id":4,"username":"smirnova.gm001","firstname":"Галина"},{"id":5,"#.utf8)
        #expect(throws: JSONValueParser.Failure.self) { try JSONValueParser.parse(body) }
        do {
            _ = try JSONValueParser.parse(body)
        } catch {
            #expect(error.offset == body.count)
        }
        let serialization = #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(body)) }
        let described = serialization.map { "\($0) \(($0 as NSError).userInfo)" } ?? ""
        #expect(described.contains("Unexpected end of file"))
        #expect(!described.contains(String(body.count)))
        let decoder = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([[String: String]].self, from: Data(body))
        }
        #expect(!"\(decoder.map { "\($0)" } ?? "")".contains(String(body.count)))
    }
}
