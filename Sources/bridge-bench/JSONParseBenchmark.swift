import Foundation
import MoodleClient

/// MoodleClient's JSON parser next to Foundation's (`JSONSerialization`, and `JSONDecoder` into a
/// generic tree), on the captured Moodle bodies and on one large generated body: parse time, what
/// each keeps of a number's literal text, and what each says of a truncated body.
struct JSONParseBenchmark {
    /// The folder of captures (`Fixtures/moodle`); every `*.json` below it but the `.request.json`
    /// files, which are requests, is a body.
    var captures: URL
    /// The size the large body is grown to, in bytes.
    var largeBytes: Int
    /// How long each parser is run on each input, at least.
    var minimumSeconds: Double

    struct Timing: Encodable {
        var parser: String
        /// The median of the passes, one pass parsing every input once.
        var medianSeconds: Double
        var megabytesPerSecond: Double
        var passes: Int
    }

    struct Literal: Encodable {
        var literal: String
        var moodleClient: String
        var jsonSerialization: String
        var jsonDecoderDouble: String
        var jsonDecoderDecimal: String
    }

    struct Malformed: Encodable {
        /// `cut in half` or `a stray byte`.
        var body: String
        var parser: String
        var message: String
        /// Whether the message or the error's user info gives the byte where the fault is.
        var givesPosition: Bool
    }

    struct Figures: Encodable {
        var captureFiles: Int
        var captureBytes: Int
        /// Capture files that are not JSON (empty bodies of disabled web services), left out.
        var notJSON: [String]
        /// Captures whose tree, parsed by `JSONSerialization` and turned into a ``MoodleValue``
        /// (numbers as `NSNumber.stringValue`), differs from MoodleClient's.
        var capturesChangedThroughFoundation: [String]
        var largeBodyBytes: Int
        var capturesTimings: [Timing]
        var largeBodyTimings: [Timing]
        var literals: [Literal]
        var malformed: [Malformed]
    }

    /// The literals checked: a Moodle integer, the same as a float, an exponent, binary-inexact
    /// decimals, Moodle's version number, a trailing zero, and integers past 2^53 and 2^64.
    static let literals = [
        "36", "36.0", "1e2", "0.1", "1.10", "66.666666666667", "2025100600.02", "-0", "9007199254740993",
        "18446744073709551616",
    ]

    func run(progress: (String) -> Void) throws -> Figures {
        var bodies: [(name: String, bytes: [UInt8])] = []
        var notJSON: [String] = []
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: captures.path) else {
            throw BenchError("no capture folder at \(captures.path)")
        }
        for case let path as String in walker
        where path.hasSuffix(".json") && !path.hasSuffix(".request.json") {
            let bytes = Array(try Data(contentsOf: captures.appendingPathComponent(path)))
            if (try? MoodleValue.parse(json: bytes)) == nil {
                notJSON.append(path)
            } else {
                bodies.append((path, bytes))
            }
        }
        bodies.sort { $0.name < $1.name }
        notJSON.sort()
        guard !bodies.isEmpty else { throw BenchError("no JSON captures under \(captures.path)") }
        let captureBytes = bodies.map(\.bytes.count).reduce(0, +)
        progress("\(bodies.count) JSON captures, \(captureBytes) bytes; \(notJSON.count) not JSON")

        var changed: [String] = []
        for body in bodies {
            let own = try MoodleValue.parse(json: body.bytes)
            let foundation = Self.moodleValue(
                try JSONSerialization.jsonObject(with: Data(body.bytes), options: [.fragmentsAllowed]))
            if own != foundation { changed.append(body.name) }
        }

        let large = Self.largeBody(from: bodies, size: largeBytes)
        progress("large body: \(large.count) bytes")

        let captureTimings = try timings(for: bodies.map(\.bytes), progress: progress)
        let largeTimings = try timings(for: [large], progress: progress)
        let truncated = Array(large.prefix(large.count / 2))
        // A comma between two fields past the middle becomes a semicolon.
        var stray = large
        let comma =
            (large.count / 2..<large.count - 1).first {
                large[$0] == UInt8(ascii: ",") && large[$0 + 1] == UInt8(ascii: "\"")
            } ?? 0
        stray[comma] = UInt8(ascii: ";")
        return Figures(
            captureFiles: bodies.count, captureBytes: captureBytes, notJSON: notJSON,
            capturesChangedThroughFoundation: changed, largeBodyBytes: large.count,
            capturesTimings: captureTimings, largeBodyTimings: largeTimings,
            literals: Self.literals.map(Self.literal),
            malformed: Self.malformed(truncated, as: "cut in half", fault: truncated.count)
                + Self.malformed(stray, as: "a stray byte", fault: comma))
    }

    /// Times each parser on `inputs`.
    private func timings(for inputs: [[UInt8]], progress: (String) -> Void) throws -> [Timing] {
        let data = inputs.map { Data($0) }
        let bytes = inputs.map(\.count).reduce(0, +)
        let parsers: [(String, () throws -> Void)] = [
            ("MoodleClient JSONValueParser", { for input in inputs { _ = try MoodleValue.parse(json: input) } }),
            (
                "JSONSerialization",
                {
                    for input in data {
                        _ = try JSONSerialization.jsonObject(with: input, options: [.fragmentsAllowed])
                    }
                }
            ),
            (
                "JSONSerialization, then to MoodleValue",
                {
                    for input in data {
                        _ = Self.moodleValue(
                            try JSONSerialization.jsonObject(with: input, options: [.fragmentsAllowed]))
                    }
                }
            ),
            (
                "JSONDecoder into a Decodable tree",
                { for input in data { _ = try JSONDecoder().decode(DecodedTree.self, from: input) } }
            ),
        ]
        var timings: [Timing] = []
        for (name, parse) in parsers {
            var passes: [Double] = []
            let clock = ContinuousClock()
            let started = clock.now
            while passes.count < 3 || (clock.now - started) < .seconds(minimumSeconds) {
                let elapsed = try clock.measure { try parse() }
                passes.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            let median = passes.sorted()[passes.count / 2]
            timings.append(
                Timing(
                    parser: name, medianSeconds: median, megabytesPerSecond: Double(bytes) / 1_048_576 / median,
                    passes: passes.count))
            progress("\(name): \(String(format: "%.4f", median)) s per pass (\(passes.count) passes)")
        }
        return timings
    }

    /// The largest list-shaped capture, its items repeated until the body reaches `size` bytes.
    static func largeBody(from bodies: [(name: String, bytes: [UInt8])], size: Int) -> [UInt8] {
        let lists = bodies.map(\.bytes).filter { $0.first == UInt8(ascii: "[") && $0.last == UInt8(ascii: "]") }
        guard let seed = lists.max(by: { $0.count < $1.count }), seed.count > 2 else { return [] }
        let items = seed.dropFirst().dropLast()
        var body: [UInt8] = [UInt8(ascii: "[")]
        body.reserveCapacity(size + seed.count)
        body.append(contentsOf: items)
        while body.count < size {
            body.append(UInt8(ascii: ","))
            body.append(contentsOf: items)
        }
        body.append(UInt8(ascii: "]"))
        return body
    }

    /// What each parser makes of `literal` as the only item of a list.
    static func literal(_ literal: String) -> Literal {
        let data = Data("[\(literal)]".utf8)
        let own: String
        if case .list(let items) = try? MoodleValue.parse(json: Array(data)), case .number(let text)? = items.first {
            own = text
        } else {
            own = "(error)"
        }
        let serialized: String
        do {
            let value = (try JSONSerialization.jsonObject(with: data) as? [Any])?.first
            serialized = (value as? NSNumber)?.stringValue ?? "\(value.map { "\($0)" } ?? "nil")"
        } catch {
            serialized = "(error)"
        }
        let double = (try? JSONDecoder().decode([Double].self, from: data)).map { "\($0[0])" } ?? "(error)"
        let decimal = (try? JSONDecoder().decode([Decimal].self, from: data)).map { "\($0[0])" } ?? "(error)"
        return Literal(
            literal: literal, moodleClient: own, jsonSerialization: serialized, jsonDecoderDouble: double,
            jsonDecoderDecimal: decimal)
    }

    /// What each parser reports for a malformed body whose fault is at byte `fault`.
    static func malformed(_ body: [UInt8], as kind: String, fault: Int) -> [Malformed] {
        func finding(_ parser: String, _ message: String) -> Malformed {
            Malformed(body: kind, parser: parser, message: message, givesPosition: message.contains(String(fault)))
        }
        var findings: [Malformed] = []
        do {
            _ = try MoodleValue.parse(json: body)
            findings.append(finding("MoodleClient JSONValueParser", "(parsed)"))
        } catch {
            findings.append(finding("MoodleClient JSONValueParser", error.message))
        }
        do {
            _ = try JSONSerialization.jsonObject(with: Data(body))
            findings.append(finding("JSONSerialization", "(parsed)"))
        } catch {
            let error = error as NSError
            findings.append(finding("JSONSerialization", "\(error.localizedDescription) \(error.userInfo)"))
        }
        do {
            _ = try JSONDecoder().decode(DecodedTree.self, from: Data(body))
            findings.append(finding("JSONDecoder", "(parsed)"))
        } catch let DecodingError.dataCorrupted(context) {
            findings.append(
                finding("JSONDecoder", "\(context.debugDescription) \(context.underlyingError.map { "\($0)" } ?? "")"))
        } catch {
            findings.append(finding("JSONDecoder", "\(error)"))
        }
        return findings
    }

    /// A `JSONSerialization` result as a ``MoodleValue``, numbers as `NSNumber.stringValue`: what
    /// a parser built on Foundation would hand the decoder.
    static func moodleValue(_ object: Any) -> MoodleValue {
        switch object {
        case is NSNull: return .null
        case let text as String: return .string(text)
        case let number as NSNumber:
            if type(of: number) != NSNumber.self || ["c", "B"].contains(String(cString: number.objCType)) {
                return .bool(number.boolValue)
            }
            return .number(number.stringValue)
        case let items as [Any]: return .list(items.map(moodleValue))
        case let fields as [String: Any]: return .object(fields.mapValues(moodleValue))
        default: return .string("\(object)")
        }
    }
}

/// A JSON document as `JSONDecoder` can give it without a schema: numbers only as `Double`.
enum DecodedTree: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([DecodedTree])
    case object([String: DecodedTree])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([DecodedTree].self) {
            self = .list(items)
        } else {
            self = .object(try container.decode([String: DecodedTree].self))
        }
    }
}
