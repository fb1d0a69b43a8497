/// The short code printed on a document beside its number: whoever holds both may see the
/// document on the public verification page; the number alone shows nothing.
///
/// Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31 symbols, about 49 bits.
public enum VerificationCode {
    /// The symbols a code is made of.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 10

    /// A new code drawn from `generator` (the system's random source in production).
    public static func make(using generator: inout some RandomNumberGenerator) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The code as a person may type it: spaces and dashes dropped, letters upper-cased.
    public static func normalized(_ text: String) -> String {
        String(text.uppercased().filter { $0 != " " && $0 != "-" })
    }

    /// Compares two codes in time that does not depend on where they first differ.
    public static func matches(_ given: String, _ stored: String) -> Bool {
        let left = Array(normalized(given).utf8)
        let right = Array(stored.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
