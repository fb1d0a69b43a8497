import CreditCore

/// A report ready for a writer: a heading, columns, data rows, labelled total rows, summary lines and
/// further sheets.
///
/// Builders produce it from ledger data; writers turn it into CSV, XLSX or JSON bytes. It holds both
/// languages, so the same table can be written in Russian or English. `rows` hold data rows only:
/// totals go to `totals` (written as labelled last rows in CSV and XLSX, as their own object in
/// JSON), figures about the whole report to `summary` (the «Итоги» sheet in XLSX, a separate
/// `…-summary.csv`, the `summary` object in JSON).
public struct ReportTable: Hashable, Sendable {
    /// A labelled value shown after the rows (a total, a route's deadline).
    public struct SummaryLine: Hashable, Sendable {
        public var key: String
        public var label: LocalizedText
        public var value: ReportCell

        public init(_ key: String, ru: String, en: String, value: ReportCell) {
            self.key = key
            self.label = LocalizedText(ru: ru, en: en)
            self.value = value
        }
    }

    public var kind: ReportKind
    public var title: LocalizedText
    /// The worksheet's name in XLSX (at most 31 characters).
    public var sheetName: LocalizedText
    public var columns: [ReportColumn]
    public var rows: [[ReportCell]]
    /// Labelled total rows shown after the data rows (same columns).
    public var totals: [[ReportCell]]
    public var summary: [SummaryLine]
    /// What stands above the table: institution, criteria, date made, warnings.
    public var heading: ReportHeading
    /// Further tables, each on its own sheet.
    public var sheets: [ReportSheet]
    /// Whether spreadsheet writers must write dates as `dd.MM.yyyy` text (the federal template does).
    public var datesAsText: Bool

    public init(
        kind: ReportKind, title: LocalizedText, sheetName: LocalizedText? = nil, columns: [ReportColumn],
        rows: [[ReportCell]] = [], totals: [[ReportCell]] = [], summary: [SummaryLine] = [],
        heading: ReportHeading = ReportHeading(), sheets: [ReportSheet] = [], datesAsText: Bool = false
    ) {
        self.kind = kind
        self.title = title
        self.sheetName = sheetName ?? LocalizedText(ru: "Отчёт", en: "Report")
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.summary = summary
        self.heading = heading
        self.sheets = sheets
        self.datesAsText = datesAsText
    }

    /// The header labels in `language`.
    public func headers(_ language: ReportLanguage) -> [String] {
        columns.map { $0.label.text(language) }
    }
}
