/// A text in both languages of the bridge's readers: Russian (the default of reports and the
/// console) and English. Findings carry their details this way, so each reader shows them in its own.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var ru: String
    public var en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    /// The same text in both languages (names, template headers that must stay Russian).
    public init(_ both: String) { self.init(ru: both, en: both) }

    public var isEmpty: Bool { ru.isEmpty && en.isEmpty }
}
