/// The language of a report's labels: Russian by default, English on request.
public enum ReportLanguage: String, CaseIterable, Sendable, Codable {
    case ru
    case en
}

/// A label in both report languages.
public struct LocalizedText: Hashable, Sendable {
    public var ru: String
    public var en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    /// The same text in both languages (names, template headers that must stay Russian).
    public init(_ both: String) { self.init(ru: both, en: both) }

    /// The text in `language`.
    public func text(_ language: ReportLanguage) -> String {
        switch language {
        case .ru: ru
        case .en: en
        }
    }
}
