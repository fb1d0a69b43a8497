import CreditCore

/// The language of a report's labels: Russian by default, English on request.
public enum ReportLanguage: String, CaseIterable, Sendable, Codable {
    case ru
    case en
}

extension LocalizedText {
    /// The text in `language`.
    public func text(_ language: ReportLanguage) -> String {
        switch language {
        case .ru: ru
        case .en: en
        }
    }
}
