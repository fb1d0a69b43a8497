import CreditCore

/// A report column: a stable key (for JSON) and its label in each language.
public struct ReportColumn: Hashable, Sendable {
    public var key: String
    public var label: LocalizedText
    /// A width hint in characters for spreadsheet writers.
    public var width: Int

    public init(_ key: String, ru: String, en: String, width: Int = 14) {
        self.key = key
        self.label = LocalizedText(ru: ru, en: en)
        self.width = width
    }
}
