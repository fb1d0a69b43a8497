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
