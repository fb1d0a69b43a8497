import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The cells of an XLSX workbook's first sheet, read back from its XML, for comparing by content.
struct XLSXContent {
    struct Cell: Equatable {
        var reference: String
        /// `s` for a string cell, `n` for a number.
        var type: String
        var value: String
    }

    var sheetNames: [String]
    var cells: [Cell]

    init(_ data: Data) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("book.xlsx")
        try data.write(to: file)
        func part(_ name: String) throws -> Data {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            process.arguments = ["-p", file.path, name]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return bytes
        }
        let strings = XMLTexts(try part("xl/sharedStrings.xml"), element: "si").values
        sheetNames = XMLTexts(try part("xl/workbook.xml"), element: "sheet", attribute: "name").values
        cells = SheetCells(try part("xl/worksheets/sheet1.xml")).cells.map { cell in
            cell.type == "s"
                ? Cell(reference: cell.reference, type: "s", value: strings[Int(cell.value) ?? 0])
                : Cell(
                    reference: cell.reference, type: cell.type == "str" || cell.type == "inlineStr" ? "s" : "n",
                    value: cell.value)
        }
    }

    /// One cell a line: `A1 s Дата`, newlines in values shown as `\n`.
    var text: String {
        (["sheets: " + sheetNames.joined(separator: ", ")]
            + cells.map { "\($0.reference) \($0.type) \($0.value.replacingOccurrences(of: "\n", with: "\\n"))" })
            .joined(separator: "\n") + "\n"
    }

    /// The value of a cell, e.g. `value("B2")`.
    func value(_ reference: String) -> Cell? { cells.first { $0.reference == reference } }
}

/// The text of every `element` (or one of its attributes), in document order.
private final class XMLTexts: NSObject, XMLParserDelegate {
    private(set) var values: [String] = []
    private let element: String
    private let attribute: String?
    private var current: String?

    init(_ data: Data, element: String, attribute: String? = nil) {
        self.element = element
        self.attribute = attribute
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard name == element else { return }
        if let attribute { values.append(attributes[attribute] ?? "") } else { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == element, attribute == nil, let text = current {
            values.append(text)
            current = nil
        }
    }
}

/// The `<c>` cells of a worksheet: reference, type attribute and `<v>` (or inline `<t>`) text.
private final class SheetCells: NSObject, XMLParserDelegate {
    private(set) var cells: [(reference: String, type: String, value: String)] = []
    private var cell: (reference: String, type: String, value: String)?
    private var inValue = false

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "c" { cell = (attributes["r"] ?? "", attributes["t"] ?? "n", "") }
        if name == "v" || name == "t" { inValue = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { cell?.value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "v" || name == "t" { inValue = false }
        if name == "c", let cell {
            cells.append(cell)
            self.cell = nil
        }
    }
}
