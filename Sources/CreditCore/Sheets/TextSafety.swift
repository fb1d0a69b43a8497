/// Characters that must never reach the ledger, a report or a terminal inside a name: control
/// characters (a NUL, a line break, a tab) and the bidirectional controls that can make text read
/// backwards on screen (U+202E RIGHT-TO-LEFT OVERRIDE and its kin).
public enum TextSafety {
    static let bidirectionalControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// The first character of `text` that is a control or a bidirectional control, if any.
    public static func firstUnsafeScalar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            scalar.properties.generalCategory == .control || bidirectionalControls.contains(scalar.value)
        }
    }

    /// `text` without its control and bidirectional control characters.
    public static func removingUnsafe(_ text: String) -> String {
        var safe = String.UnicodeScalarView()
        safe.append(
            contentsOf: text.unicodeScalars.filter { scalar in
                scalar.properties.generalCategory != .control && !bidirectionalControls.contains(scalar.value)
            })
        return String(safe)
    }

    /// ``name(of:)`` in both languages.
    public static func text(of scalar: Unicode.Scalar) -> LocalizedText {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let ru =
            switch scalar.value {
            case 0: "символ NUL (\(code))"
            case 0x0A, 0x0D: "перевод строки (\(code))"
            case 0x09: "табуляцию (\(code))"
            case let value where bidirectionalControls.contains(value):
                "символ управления направлением текста (\(code)), переставляющий текст на экране"
            default: "управляющий символ (\(code))"
            }
        return LocalizedText(ru: ru, en: name(of: scalar))
    }

    /// The character as a message shows it: never the character itself.
    public static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.value {
        case 0: return "a NUL character (\(code))"
        case 0x0A, 0x0D: return "a line break (\(code))"
        case 0x09: return "a tab (\(code))"
        case let value where bidirectionalControls.contains(value):
            return "a bidirectional control character (\(code)) that reorders text on screen"
        default: return "a control character (\(code))"
        }
    }
}
