/// Keeps text that a spreadsheet program would run as a formula inert.
///
/// A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return can be taken for a formula
/// when a CSV file is opened (OWASP "CSV injection"); a leading `'` makes it text.
public enum FormulaGuard {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text`, prefixed with `'` when it could start a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.first, triggers.contains(first) else { return text }
        return "'" + text
    }
}
