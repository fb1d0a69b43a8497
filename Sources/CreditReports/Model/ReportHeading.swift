import CreditCore

/// The lines above a spreadsheet's table: which institution made the report, what it was narrowed
/// to, when it was made, and anything the reader must know before trusting its figures.
public struct ReportHeading: Hashable, Sendable {
    /// The institution's name, from the mapping files.
    public var institution: String?
    /// Each criterion the report was narrowed by, one line each («ММЦ: ММЦ-04 …», «на 30.11.2026»).
    public var criteria: [LocalizedText]
    /// The day the report was made, in the region.
    public var madeOn: ReportDay?
    /// Why the figures may be incomplete (a site that could not be read). A report with warnings is
    /// written all the same, says so in its heading, and its command exits non-zero.
    public var warnings: [LocalizedText]

    public init(
        institution: String? = nil, criteria: [LocalizedText] = [], madeOn: ReportDay? = nil,
        warnings: [LocalizedText] = []
    ) {
        self.institution = institution
        self.criteria = criteria
        self.madeOn = madeOn
        self.warnings = warnings
    }

    /// Whether the report was built from incomplete data.
    public var isIncomplete: Bool { !warnings.isEmpty }
}
