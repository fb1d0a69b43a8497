import CLibXlsxWriter
import CreditCore
import Foundation

/// Writes a report as an XLSX workbook through libxlsxwriter, ready to filter and to print.
///
/// The main sheet opens with a title block (the report, the institution, the criteria, the day it was
/// made, and any warning that the data are incomplete), then a bold header row that wraps inside its
/// own height, is frozen and carries an autofilter, then the data rows and the labelled total rows,
/// all with borders. Columns are fitted to their content within limits and long text wraps. Text is
/// always a string cell (so `=HYPERLINK(…)` stays inert), numbers are numbers and dates are dates
/// (`dd.mm.yyyy`; text when the table asks, as the federal template does). Every sheet prints on A4,
/// landscape when the table is wide, fitted to the page width, with the header row repeated on every
/// page and page numbers in the footer. The summary goes to a second sheet «Итоги», further tables
/// to sheets of their own.
public struct XLSXReportWriter: Sendable {
    /// libxlsxwriter refused to write the workbook.
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public var language: ReportLanguage

    public init(language: ReportLanguage = .ru) { self.language = language }

    /// The workbook's bytes, marked as this report's (see ``reportKind(of:)``).
    public func write(_ table: ReportTable) throws -> Data {
        // libxlsxwriter writes to a file; the workbook goes through a private temporary one.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try write(table, to: url.path)
        return Self.marking(try Data(contentsOf: url), as: table.kind)
    }

    private static let markPrefix = "MoodleBridge report: "

    /// The workbook with the report's kind as its ZIP archive comment: the one place of an XLSX
    /// file that is neither compressed nor read by spreadsheet programs.
    static func marking(_ workbook: Data, as kind: ReportKind) -> Data {
        // The end-of-central-directory record: 22 bytes, the last two the comment's length (0 here).
        let end = workbook.count - 22
        guard end >= 0, workbook[end..<end + 4].elementsEqual([0x50, 0x4B, 0x05, 0x06]),
            workbook[end + 20] == 0, workbook[end + 21] == 0
        else { return workbook }
        let comment = Array((markPrefix + kind.rawValue).utf8)
        var marked = workbook
        marked[end + 20] = UInt8(comment.count & 0xFF)
        marked[end + 21] = UInt8(comment.count >> 8)
        marked.append(contentsOf: comment)
        return marked
    }

    /// The kind of report a workbook written by this writer holds, from its mark; nil for any other file.
    public static func reportKind(of workbook: Data) -> ReportKind? {
        guard workbook.starts(with: [0x50, 0x4B, 0x03, 0x04]),
            let range = workbook.range(of: Data(markPrefix.utf8), options: .backwards)
        else { return nil }
        return ReportKind(rawValue: String(decoding: workbook[range.upperBound...], as: UTF8.self))
    }

    /// Writes the unmarked workbook to `path` (libxlsxwriter writes only to files).
    private func write(_ table: ReportTable, to path: String) throws {
        guard let workbook = workbook_new(path) else {
            throw WriteError(description: "cannot create the workbook \(path)")
        }
        var properties = lxw_doc_properties()
        let title = strdup(table.title.text(language))
        let application = strdup("MoodleBridge")
        let company = table.heading.institution.map { strdup($0) } ?? nil
        defer {
            free(title)
            free(application)
            free(company)
        }
        properties.title = title
        properties.author = application
        properties.company = company
        workbook_set_properties(workbook, &properties)

        let formats = XLSXFormats(workbook: workbook, datesAsText: table.datesAsText)
        var sheets = SheetWriter(workbook: workbook, formats: formats, language: language)
        do {
            try sheets.addTable(
                name: table.sheetName, title: table.title, heading: table.heading, columns: table.columns,
                rows: table.rows, totals: table.totals)
            if !table.summary.isEmpty {
                try sheets.addSummary(table.summary, title: table.title, heading: table.heading)
            }
            for sheet in table.sheets {
                try sheets.addTable(
                    name: sheet.name, title: sheet.name,
                    heading: ReportHeading(
                        institution: table.heading.institution, criteria: table.heading.criteria,
                        madeOn: table.heading.madeOn),
                    columns: sheet.columns, rows: sheet.rows, totals: [])
            }
        } catch {
            workbook_close(workbook)
            throw error
        }
        let status = workbook_close(workbook)
        guard status.rawValue == 0 else {
            throw WriteError(description: "libxlsxwriter: \(String(cString: lxw_strerror(status)))")
        }
    }
}

/// Adds sheets to one workbook, keeping their names unique.
private struct SheetWriter {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let formats: XLSXFormats
    let language: ReportLanguage
    var names: Set<String> = []

    /// Points per line of 11-point text.
    static let lineHeight = 15.0

    init(workbook: UnsafeMutablePointer<lxw_workbook>, formats: XLSXFormats, language: ReportLanguage) {
        self.workbook = workbook
        self.formats = formats
        self.language = language
    }

    mutating func addTable(
        name: LocalizedText, title: LocalizedText, heading: ReportHeading, columns: [ReportColumn],
        rows: [[ReportCell]], totals: [[ReportCell]]
    ) throws {
        let sheet = try addSheet(name.text(language))
        let headers = columns.map { $0.label.text(language) }
        let body = rows + totals
        let layout = SheetLayout(
            headers: headers, rows: body.map { $0.map { $0.plainText(language) } }, hints: columns.map(\.width))
        for (column, width) in layout.widths.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
        let lastColumn = lxw_col_t(max(columns.count, 2) - 1)
        var row = writeHeading(
            heading, title: title, sheet: sheet, lastColumn: lastColumn, width: layout.widths.reduce(0, +))

        let header = row
        worksheet_set_row(sheet, header, Double(layout.headerLines) * Self.lineHeight, nil)
        for (column, label) in headers.enumerated() {
            worksheet_write_string(sheet, header, lxw_col_t(column), label, formats.header)
        }
        row += 1
        for (index, cells) in body.enumerated() {
            let isTotal = index >= rows.count
            worksheet_set_row(sheet, row, Double(layout.rowLines[index]) * Self.lineHeight, nil)
            for column in columns.indices {
                let cell = column < cells.count ? cells[column] : .empty
                write(cell, sheet: sheet, row: row, column: lxw_col_t(column), total: isTotal)
            }
            row += 1
        }
        worksheet_freeze_panes(sheet, header + 1, 0)
        worksheet_autofilter(sheet, header, 0, header + lxw_row_t(rows.count), lxw_col_t(columns.count - 1))
        pageSetup(sheet, landscape: layout.isLandscape, repeating: header, title: title)
    }

    mutating func addSummary(_ lines: [ReportTable.SummaryLine], title: LocalizedText, heading: ReportHeading) throws {
        let name = LocalizedText(ru: "Итоги", en: "Summary")
        let sheet = try addSheet(name.text(language))
        let labels = lines.map { $0.label.text(language) }
        let values = lines.map { $0.value.plainText(language) }
        let layout = SheetLayout(
            headers: [name.text(language), ""], rows: zip(labels, values).map { [$0, $1] }, hints: [48, 30])
        for (column, width) in layout.widths.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
        var row = writeHeading(heading, title: title, sheet: sheet, lastColumn: 1, width: layout.widths.reduce(0, +))
        for (index, line) in lines.enumerated() {
            worksheet_set_row(sheet, row, Double(layout.rowLines[index]) * Self.lineHeight, nil)
            worksheet_write_string(sheet, row, 0, line.label.text(language), formats.totalText)
            write(line.value, sheet: sheet, row: row, column: 1, total: false)
            row += 1
        }
        pageSetup(sheet, landscape: false, repeating: nil, title: title)
    }

    private mutating func addSheet(_ wanted: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        // Excel forbids these characters in a sheet name and allows 31 characters.
        var name = String(wanted.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
        var counter = 2
        while names.contains(name.lowercased()) {
            let suffix = " \(counter)"
            name = String(name.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        names.insert(name.lowercased())
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XLSXReportWriter.WriteError(description: "cannot add the worksheet «\(name)»")
        }
        return sheet
    }

    /// The title block; returns the row after it (and after one empty row).
    private func writeHeading(
        _ heading: ReportHeading, title: LocalizedText, sheet: UnsafeMutablePointer<lxw_worksheet>,
        lastColumn: lxw_col_t, width: Double
    ) -> lxw_row_t {
        var lines: [(String, UnsafeMutablePointer<lxw_format>?)] = [(title.text(language), formats.title)]
        if let institution = heading.institution { lines.append((institution, formats.note)) }
        for criterion in heading.criteria { lines.append((criterion.text(language), formats.note)) }
        if let day = heading.madeOn {
            let label = LocalizedText(ru: "Сформирован", en: "Made on").text(language)
            lines.append(("\(label): \(day.russian)", formats.note))
        }
        for warning in heading.warnings { lines.append((warning.text(language), formats.warning)) }
        var row: lxw_row_t = 0
        for (text, format) in lines {
            let height = Double(SheetLayout.lines([text], widths: [width])) * Self.lineHeight
            worksheet_set_row(sheet, row, format == formats.title ? max(height, 20) : height, nil)
            if lastColumn > 0 {
                worksheet_merge_range(sheet, row, 0, row, lastColumn, text, format)
            } else {
                worksheet_write_string(sheet, row, 0, text, format)
            }
            row += 1
        }
        return row + 1
    }

    private func pageSetup(
        _ sheet: UnsafeMutablePointer<lxw_worksheet>, landscape: Bool, repeating header: lxw_row_t?,
        title: LocalizedText
    ) {
        worksheet_set_paper(sheet, 9)  // A4
        if landscape { worksheet_set_landscape(sheet) } else { worksheet_set_portrait(sheet) }
        worksheet_set_margins(sheet, 0.5, 0.5, 0.6, 0.7)
        worksheet_fit_to_pages(sheet, 1, 0)
        if let header { worksheet_repeat_rows(sheet, header, header) }
        let page = LocalizedText(ru: "Страница &P из &N", en: "Page &P of &N").text(language)
        // '&' starts a code in a header or footer, so the title's own ampersands are doubled.
        let name = String(title.text(language).replacingOccurrences(of: "&", with: "&&").prefix(120))
        worksheet_set_footer(sheet, "&L&8\(name)&R&8\(page)")
    }

    private func write(
        _ cell: ReportCell, sheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, column: lxw_col_t,
        total: Bool
    ) {
        let text = total ? formats.totalText : formats.text
        let number = total ? formats.totalNumber : formats.number
        switch cell {
        case .text(let value): worksheet_write_string(sheet, row, column, value, text)
        case .label(let value): worksheet_write_string(sheet, row, column, value.text(language), text)
        case .integer(let value): worksheet_write_number(sheet, row, column, Double(value), number)
        case .hours(let hours): worksheet_write_number(sheet, row, column, Double(hours.value), number)
        case .date(let day):
            if formats.datesAsText {
                worksheet_write_string(sheet, row, column, day.russian, text)
            } else {
                var date = lxw_datetime(
                    year: Int32(day.year), month: Int32(day.month), day: Int32(day.day), hour: 0, min: 0, sec: 0)
                worksheet_write_datetime(sheet, row, column, &date, total ? formats.totalDate : formats.date)
            }
        case .empty: worksheet_write_blank(sheet, row, column, text)
        }
    }
}
