import CLibXlsxWriter
import Foundation

/// Writes a report as an XLSX workbook through libxlsxwriter.
///
/// Text is always written as a string cell, so a title such as `=HYPERLINK(…)` stays inert text;
/// numbers are number cells; dates are date cells formatted `dd.mm.yyyy` (or `dd.MM.yyyy` text when
/// the table asks, as the federal template does). The header row is bold and frozen, and columns get
/// the widths the table suggests.
public struct XLSXReportWriter: Sendable {
    /// libxlsxwriter refused to write the workbook.
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public var language: ReportLanguage

    public init(language: ReportLanguage = .ru) { self.language = language }

    public func write(_ table: ReportTable) throws -> Data {
        // libxlsxwriter writes to a file; the workbook goes through a private temporary one.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try write(table, to: url.path)
        return try Data(contentsOf: url)
    }

    /// Writes the workbook to `path`.
    public func write(_ table: ReportTable, to path: String) throws {
        guard let workbook = workbook_new(path) else {
            throw WriteError(description: "cannot create the workbook \(path)")
        }
        var properties = lxw_doc_properties()
        let title = strdup(table.title.text(language))
        let application = strdup("MoodleBridge")
        defer {
            free(title)
            free(application)
        }
        properties.title = title
        properties.author = application
        workbook_set_properties(workbook, &properties)

        let sheetName = String(table.sheetName.text(language).prefix(31))
        guard let sheet = workbook_add_worksheet(workbook, sheetName) else {
            workbook_close(workbook)
            throw WriteError(description: "cannot add the worksheet «\(sheetName)»")
        }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        format_set_text_wrap(bold)
        format_set_align(bold, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        let dateFormat = workbook_add_format(workbook)
        format_set_num_format(dateFormat, "dd.mm.yyyy")

        for (column, spec) in table.columns.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), Double(spec.width), nil)
            worksheet_write_string(sheet, 0, lxw_col_t(column), spec.label.text(language), bold)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        for (index, row) in table.rows.enumerated() {
            for (column, cell) in row.enumerated() {
                write(
                    cell, sheet: sheet, row: lxw_row_t(index + 1), column: lxw_col_t(column),
                    dateFormat: table.datesAsText ? nil : dateFormat)
            }
        }
        var next = lxw_row_t(table.rows.count + 2)
        for line in table.summary {
            worksheet_write_string(sheet, next, 0, line.label.text(language), bold)
            write(line.value, sheet: sheet, row: next, column: 1, dateFormat: table.datesAsText ? nil : dateFormat)
            next += 1
        }
        let status = workbook_close(workbook)
        guard status.rawValue == 0 else {
            throw WriteError(description: "libxlsxwriter: \(String(cString: lxw_strerror(status)))")
        }
    }

    private func write(
        _ cell: ReportCell, sheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, column: lxw_col_t,
        dateFormat: UnsafeMutablePointer<lxw_format>?
    ) {
        switch cell {
        case .text(let text): worksheet_write_string(sheet, row, column, text, nil)
        case .label(let text): worksheet_write_string(sheet, row, column, text.text(language), nil)
        case .integer(let number): worksheet_write_number(sheet, row, column, Double(number), nil)
        case .hours(let hours): worksheet_write_number(sheet, row, column, Double(hours.value), nil)
        case .date(let day):
            if let dateFormat {
                var date = lxw_datetime(
                    year: Int32(day.year), month: Int32(day.month), day: Int32(day.day), hour: 0, min: 0, sec: 0)
                worksheet_write_datetime(sheet, row, column, &date, dateFormat)
            } else {
                worksheet_write_string(sheet, row, column, day.russian, nil)
            }
        case .empty: break
        }
    }
}
