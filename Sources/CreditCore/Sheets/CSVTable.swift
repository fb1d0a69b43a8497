import Foundation

/// A table read from CSV text: a header row and data rows, with `,` or `;` as the separator and
/// RFC 4180 quoting (a quoted cell may hold separators, quotes written twice, and line breaks).
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    /// Data rows with the 1-based line of the file each starts on (the header is line 1).
    public var rows: [(line: Int, cells: [String])]
    public var separator: Character

    public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
        lhs.header == rhs.header && lhs.separator == rhs.separator
            && lhs.rows.map(\.line) == rhs.rows.map(\.line) && lhs.rows.map(\.cells) == rhs.rows.map(\.cells)
    }

    /// A table given cell by cell.
    public init(header: [String], rows: [(line: Int, cells: [String])], separator: Character = ",") {
        self.header = header
        self.rows = rows
        self.separator = separator
    }

    /// Parses `text`; the separator is the one of `;` and `,` that the header line holds more of.
    public init(parsing text: String) {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        separator = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records = CSVTable.records(in: text, separator: separator)
        header = records.isEmpty ? [] : records.removeFirst().cells.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records.filter { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    private static func records(in text: String, separator: Character) -> [(line: Int, cells: [String])] {
        var records: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { cell.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if character.isNewline { line += 1 }
                    cell.append(character)
                }
            } else if character == "\"" && cell.isEmpty {
                inQuotes = true
            } else if character == separator {
                cells.append(cell)
                cell = ""
            } else if character.isNewline {
                cells.append(cell)
                records.append((recordLine, cells))
                cells = []
                cell = ""
                line += 1
                recordLine = line
            } else {
                cell.append(character)
            }
        }
        if !cell.isEmpty || !cells.isEmpty {
            cells.append(cell)
            records.append((recordLine, cells))
        }
        return records
    }
}
