/// How one table is laid out on a printed sheet: column widths fitted to the content within limits,
/// row heights that fit wrapped text, and the orientation that fits the table's width.
///
/// Pure arithmetic on character counts, so the layout is the same whatever program opens the file.
struct SheetLayout: Equatable {
    /// Column widths in characters.
    var widths: [Double]
    /// Lines each row needs once its text wraps at the column widths (header first, then the rows).
    var headerLines: Int
    var rowLines: [Int]
    var isLandscape: Bool

    /// The narrowest and widest a column may be, in characters.
    static let minimumWidth = 6.0
    static let maximumWidth = 48.0
    /// Wider than this (in characters, the sum of the widths) the sheet prints in landscape.
    static let portraitWidth = 100.0

    init(headers: [String], rows: [[String]], hints: [Int]) {
        var widths: [Double] = []
        for (column, header) in headers.enumerated() {
            // A header may wrap at spaces, so its longest word is what it needs at least.
            let headerWord = header.split(separator: " ").map(\.count).max() ?? 0
            let content = rows.map { column < $0.count ? Self.longestLine($0[column]) : 0 }.max() ?? 0
            let hint = column < hints.count ? hints[column] : Int(Self.maximumWidth)
            let wanted = Double(max(headerWord, min(content, max(hint, headerWord)))) + 2
            widths.append(min(Self.maximumWidth, max(Self.minimumWidth, wanted)))
        }
        self.widths = widths
        self.headerLines = Self.lines(headers, widths: widths)
        self.rowLines = rows.map { Self.lines($0, widths: widths) }
        self.isLandscape = widths.reduce(0, +) > Self.portraitWidth
    }

    /// Lines the tallest cell of a row takes when its text wraps at word boundaries.
    static func lines(_ cells: [String], widths: [Double]) -> Int {
        var most = 1
        for (column, text) in cells.enumerated() where column < widths.count && !text.isEmpty {
            let usable = max(1, Int(widths[column]) - 1)
            var total = 0
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                var lines = 1, used = 0
                for word in paragraph.split(separator: " ") {
                    let length = word.count
                    if used == 0 {
                        used = length
                    } else if used + 1 + length <= usable {
                        used += 1 + length
                    } else {
                        lines += 1
                        used = length
                    }
                    while used > usable {
                        lines += 1
                        used -= usable
                    }
                }
                total += lines
            }
            most = max(most, total)
        }
        return most
    }

    private static func longestLine(_ text: String) -> Int {
        text.split(separator: "\n").map(\.count).max() ?? 0
    }
}
