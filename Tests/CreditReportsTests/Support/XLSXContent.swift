import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XLSX workbook read back from its XML: every sheet's cells and how it is set up for screen and
/// print, for comparing by content.
struct XLSXContent {
    struct Cell: Equatable {
        var reference: String
        /// `s` for a string cell, `n` for a number.
        var type: String
        var value: String
    }

    /// One worksheet: its cells and its setup.
    struct Sheet {
        var name: String
        var cells: [Cell]
        /// `portrait` or `landscape`.
        var orientation: String?
        /// 9 is A4.
        var paperSize: String?
        /// Pages wide and high the sheet is fitted to (`1`, `0` = as many as needed).
        var fitToWidth: String?
        var fitToHeight: String?
        /// The autofilter's range, e.g. `A7:M9`.
        var autoFilter: String?
        /// The rows frozen at the top (the pane's vertical split).
        var frozenRows: String?
        /// The rows repeated at the top of every printed page, e.g. `$7:$7`.
        var printTitles: String?
        var footer: String?
        /// Column widths in characters.
        var widths: [String]
        /// Row heights in points by row number, where set.
        var heights: [Int: String]

        /// The row number (1-based) of the table's header: the autofilter's first row.
        var headerRow: Int {
            guard let filter = autoFilter else { return 1 }
            return Int(filter.split(separator: ":")[0].drop { $0.isLetter }) ?? 1
        }

        /// The value of a cell, e.g. `value("B2")`.
        func value(_ reference: String) -> Cell? { cells.first { $0.reference == reference } }

        /// The cell of `column` in the table's row `row`, counted from the header (0).
        func table(_ column: String, _ row: Int) -> Cell? { value("\(column)\(headerRow + row)") }
    }

    var sheets: [Sheet]
    var sheetNames: [String] { sheets.map(\.name) }
    /// The first sheet's cells.
    var cells: [Cell] { sheets.first?.cells ?? [] }

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
            process.standardError = FileHandle.nullDevice
            try process.run()
            let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return bytes
        }
        let strings = XMLElements(try part("xl/sharedStrings.xml"), names: ["si"]).texts("si")
        let workbook = XMLElements(try part("xl/workbook.xml"), names: ["sheet", "definedName"])
        let names = workbook.elements("sheet").map { $0.attributes["name"] ?? "" }
        var titles: [Int: String] = [:]
        for defined in workbook.elements("definedName") where defined.attributes["name"] == "_xlnm.Print_Titles" {
            let local = Int(defined.attributes["localSheetId"] ?? "") ?? 0
            titles[local] = defined.text.split(separator: "!").last.map(String.init)
        }
        sheets = try names.enumerated().map { index, name in
            let xml = XMLElements(
                try part("xl/worksheets/sheet\(index + 1).xml"),
                names: ["c", "pageSetup", "autoFilter", "pane", "oddFooter", "col", "row"])
            let cells = xml.cells.map { cell in
                cell.type == "s"
                    ? Cell(reference: cell.reference, type: "s", value: strings[Int(cell.value) ?? 0])
                    : Cell(
                        reference: cell.reference, type: cell.type == "str" || cell.type == "inlineStr" ? "s" : "n",
                        value: cell.value)
            }
            let page = xml.elements("pageSetup").first?.attributes ?? [:]
            var heights: [Int: String] = [:]
            for row in xml.elements("row") {
                if let number = Int(row.attributes["r"] ?? ""), let height = row.attributes["ht"] {
                    heights[number] = height
                }
            }
            return Sheet(
                name: name, cells: cells, orientation: page["orientation"], paperSize: page["paperSize"],
                fitToWidth: page["fitToWidth"], fitToHeight: page["fitToHeight"],
                autoFilter: xml.elements("autoFilter").first?.attributes["ref"],
                frozenRows: xml.elements("pane").first?.attributes["ySplit"], printTitles: titles[index],
                footer: xml.elements("oddFooter").first?.text,
                widths: xml.elements("col").map { $0.attributes["width"] ?? "" }, heights: heights)
        }
    }

    /// Each sheet's setup, then its non-empty cells one a line (`A1 s Дата`, newlines shown as `\n`).
    var text: String {
        var lines = ["sheets: " + sheetNames.joined(separator: ", ")]
        for sheet in sheets {
            lines.append("== \(sheet.name)")
            lines.append(
                "page: paper \(sheet.paperSize ?? "-"), \(sheet.orientation ?? "-"), fit \(sheet.fitToWidth ?? (sheet.fitToHeight == nil ? "-" : "1"))×\(sheet.fitToHeight ?? "-"); "
                    + "print titles \(sheet.printTitles ?? "-"); autofilter \(sheet.autoFilter ?? "-"); "
                    + "frozen rows \(sheet.frozenRows ?? "-"); footer \(sheet.footer ?? "-")")
            lines.append("widths: " + sheet.widths.joined(separator: " "))
            lines.append(
                "heights: " + sheet.heights.keys.sorted().map { "\($0):\(sheet.heights[$0]!)" }.joined(separator: " "))
            lines += sheet.cells.filter { !$0.value.isEmpty }.map {
                "\($0.reference) \($0.type) \($0.value.replacingOccurrences(of: "\n", with: "\\n"))"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The value of a cell of the first sheet, e.g. `value("B2")`.
    func value(_ reference: String) -> Cell? { sheets.first?.value(reference) }

    /// The first sheet's cell of `column` in the table's row `row`, counted from the header (0).
    func table(_ column: String, _ row: Int) -> Cell? { sheets.first?.table(column, row) }
}

/// The chosen elements of an XML part, in document order, with their attributes and text; `<c>`
/// elements are also gathered as worksheet cells (reference, type and `<v>` or inline `<t>` text).
private final class XMLElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    private(set) var all: [Element] = []
    private(set) var cells: [(reference: String, type: String, value: String)] = []
    private let names: Set<String>
    private var open: [Element] = []
    private var cell: (reference: String, type: String, value: String)?
    private var inValue = false

    init(_ data: Data, names: Set<String>) {
        self.names = names
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }

    func elements(_ name: String) -> [Element] { all.filter { $0.name == name } }
    func texts(_ name: String) -> [String] { elements(name).map(\.text) }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if names.contains(name) { open.append(Element(name: name, attributes: attributes, text: "")) }
        if name == "c" { cell = (attributes["r"] ?? "", attributes["t"] ?? "n", "") }
        if name == "v" || name == "t" { inValue = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !open.isEmpty { open[open.count - 1].text += string }
        if inValue { cell?.value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if names.contains(name), let element = open.popLast() {
            all.append(element)
            if !open.isEmpty { open[open.count - 1].text += element.text }
        }
        if name == "v" || name == "t" { inValue = false }
        if name == "c", let cell {
            cells.append(cell)
            self.cell = nil
        }
    }
}
