import Foundation

/// Where each known column sits in a sheet's header.
struct SheetColumns {
    static let aliases: [String: [String]] = [
        "snils": ["snils", "снилс"],
        "last_name": ["last_name", "фамилия"],
        "first_name": ["first_name", "имя"],
        "middle_name": ["middle_name", "отчество"],
        "module": ["module", "модуль"],
        "date": ["date", "дата"],
        "hours": ["hours", "часы"],
        "form": ["form", "форма"],
        "category": ["category", "категория"],
        "centre": ["centre", "ммц"],
        "document": ["document", "документ"],
    ]
    static let required = ["snils", "last_name", "first_name", "module", "date"]

    private var index: [String: Int] = [:]
    private var headerNames: [String: String] = [:]
    /// How many fields the header has.
    let count: Int

    init(header: [String]) {
        count = header.count
        for (position, name) in header.enumerated() {
            let lowered = name.lowercased()
            if let column = Self.aliases.first(where: { $0.value.contains(lowered) })?.key, index[column] == nil {
                index[column] = position
                headerNames[column] = name
            }
        }
    }

    var missingRequired: [String] { Self.required.filter { index[$0] == nil } }

    /// The column's name as the sheet writes it, for messages.
    func name(_ column: String) -> String { headerNames[column] ?? column }

    /// The header's names of the known columns, by column.
    var names: [String: String] { headerNames }

    /// A row's cells by column.
    func values(in cells: [String]) -> [String: String] {
        index.compactMapValues { $0 < cells.count ? cells[$0] : nil }
    }
}
