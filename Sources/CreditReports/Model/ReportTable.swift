/// A report ready for a writer: a title, columns, rows of typed cells and summary lines.
///
/// Builders produce it from ledger data; writers turn it into CSV, XLSX or JSON bytes. It holds both
/// languages, so the same table can be written in Russian or English.
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
    public var summary: [SummaryLine]
    /// Whether spreadsheet writers must write dates as `dd.MM.yyyy` text (the federal template does).
    public var datesAsText: Bool

    public init(
        kind: ReportKind, title: LocalizedText, sheetName: LocalizedText? = nil, columns: [ReportColumn],
        rows: [[ReportCell]] = [], summary: [SummaryLine] = [], datesAsText: Bool = false
    ) {
        self.kind = kind
        self.title = title
        self.sheetName = sheetName ?? LocalizedText(ru: "Отчёт", en: "Report")
        self.columns = columns
        self.rows = rows
        self.summary = summary
        self.datesAsText = datesAsText
    }

    /// The header labels in `language`.
    public func headers(_ language: ReportLanguage) -> [String] {
        columns.map { $0.label.text(language) }
    }
}
