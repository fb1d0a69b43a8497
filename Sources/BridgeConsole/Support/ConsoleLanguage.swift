import Hummingbird

/// The console's language: Russian unless the staff member chose English (a cookie).
enum ConsoleLanguage: String, Sendable, CaseIterable {
    case ru
    case en

    static let cookie = "mb_lang"

    init(_ request: Request) {
        self = request.cookies[Self.cookie].flatMap { ConsoleLanguage(rawValue: $0.value) } ?? .ru
    }

    /// Every text of the pages in this language, by key.
    var texts: [String: String] {
        ConsoleTexts.table.merging(ConsoleTexts.reportTable) { first, _ in first }
            .merging(ConsoleActionTexts.table) { first, _ in first }
            .merging(ConsoleCardTexts.table) { first, _ in first }
            .merging(ConsoleTexts.findingsTable) { first, _ in first }
            .mapValues { self == .ru ? $0.ru : $0.en }
    }
}
