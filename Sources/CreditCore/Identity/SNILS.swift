/// A Russian individual insurance account number (СНИЛС), validated by its check digits.
///
/// The number has eleven digits: nine digits and a two-digit checksum. The checksum is the sum of
/// each of the nine digits multiplied by its weight (9 for the first down to 1 for the last),
/// reduced modulo 101, where 100 (and 101) are written as `00`. Numbers up to 001-001-998 were
/// issued before check digits existed and are accepted as they are.
///
/// ```swift
/// let snils = try SNILS(parsing: "112-233-445 95")
/// snils.formatted   // "112-233-445 95"
/// ```
public struct SNILS: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The eleven digits, without separators.
    public let digits: String

    /// Why a text is not a valid SNILS.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case wrongLength(Int)
        case notDigits
        case checksumMismatch(expected: String, found: String)

        public var description: String {
            switch self {
            case .wrongLength(let count):
                "a SNILS has 11 digits (XXX-XXX-XXX XX), this one has \(count)"
            case .notDigits:
                "a SNILS holds only digits, dashes and a space (XXX-XXX-XXX XX)"
            case .checksumMismatch(let expected, let found):
                "the check digits are \(found) but the number gives \(expected): a digit is mistyped"
            }
        }

        /// The same in both languages.
        public var text: LocalizedText {
            let ru =
                switch self {
                case .wrongLength(let count): "в СНИЛС 11 цифр (XXX-XXX-XXX XX), а здесь \(count)"
                case .notDigits: "СНИЛС состоит только из цифр, дефисов и пробела (XXX-XXX-XXX XX)"
                case .checksumMismatch(let expected, let found):
                    "контрольное число \(found), а по номеру выходит \(expected): в номере опечатка"
                }
            return LocalizedText(ru: ru, en: description)
        }
    }

    /// Parses a SNILS written with or without separators (`11223344595`, `112-233-445 95`).
    ///
    /// - Throws: ``Problem`` when the text is not eleven digits or the checksum does not match.
    public init(parsing text: String) throws(Problem) {
        let kept = text.filter { !" -\u{00A0}".contains($0) }
        guard kept.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notDigits }
        guard kept.count == 11 else { throw .wrongLength(kept.count) }
        let expected = SNILS.checksum(ofFirstNine: String(kept.prefix(9)))
        let found = String(kept.suffix(2))
        if Int(kept.prefix(9))! > 1_001_998, expected != found {
            throw .checksumMismatch(expected: expected, found: found)
        }
        digits = kept
    }

    /// The two check digits for nine leading digits.
    public static func checksum(ofFirstNine nine: String) -> String {
        let sum = nine.compactMap(\.wholeNumberValue).enumerated()
            .reduce(0) { $0 + $1.element * (9 - $1.offset) }
        let control = sum % 101 == 100 ? 0 : sum % 101
        return control < 10 ? "0\(control)" : "\(control)"
    }

    /// The canonical written form, `XXX-XXX-XXX XX`.
    public var formatted: String {
        let d = Array(digits)
        return "\(String(d[0..<3]))-\(String(d[3..<6]))-\(String(d[6..<9])) \(String(d[9..<11]))"
    }

    public var description: String { formatted }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatted)
    }
}
