/// A custom report (report builder) as listed by `core_reportbuilder_list_reports` and in the
/// `details` of `core_reportbuilder_retrieve_report`.
public struct MoodleReport: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    /// Datasource class, e.g. `core_course\reportbuilder\datasource\participants`.
    public var source: String?
    public var type: Int?
    public var uniqueRows: Bool?
    /// Stored condition values as JSON text, e.g. `{"completion:completed_operator":1}`.
    public var conditionData: String?
    public var settingsData: String?
    public var contextID: Int?
    public var component: String?
    public var area: String?
    public var itemID: Int?
    public var userCreated: Int?
    public var userModified: Int?
    public var timeCreated: Int?
    public var timeModified: Int?
    /// Human name of the datasource, e.g. "Course participants".
    public var sourceName: String?

    enum CodingKeys: String, CodingKey {
        case id, name, source, type, uniqueRows = "uniquerows", conditionData = "conditiondata"
        case settingsData = "settingsdata", contextID = "contextid", component, area, itemID = "itemid"
        case userCreated = "usercreated", userModified = "usermodified", timeCreated = "timecreated"
        case timeModified = "timemodified", sourceName = "sourcename"
    }
}

/// The result of `core_reportbuilder_list_reports`.
public struct MoodleReportList: Sendable, Equatable, Decodable {
    public var reports: [MoodleReport]
    public var warnings: [MoodleWarning]
}

/// One page of `core_reportbuilder_retrieve_report`.
///
/// Cells are formatted display strings ("Yes", "Saturday, 1 March 2025, 4:41 PM", HTML) or `nil`.
/// A page past the end has no rows and `totalRowCount` 0: take the count from page 0.
public struct MoodleReportPage: Sendable, Equatable {
    public var details: MoodleReport?
    /// Column titles in the site language.
    public var headers: [String]
    public var rows: [[String?]]
    public var totalRowCount: Int
    public var warnings: [MoodleWarning]

    public init(
        details: MoodleReport?, headers: [String], rows: [[String?]], totalRowCount: Int, warnings: [MoodleWarning]
    ) {
        self.details = details
        self.headers = headers
        self.rows = rows
        self.totalRowCount = totalRowCount
        self.warnings = warnings
    }
}

extension MoodleReportPage: Decodable {
    private struct Data: Decodable {
        var headers: [String]
        var rows: [Row]
        var totalrowcount: Int
    }

    private struct Row: Decodable {
        var columns: [String?]
    }

    enum CodingKeys: String, CodingKey { case details, data, warnings }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let data = try container.decode(Data.self, forKey: .data)
        self.init(
            details: try container.decodeIfPresent(MoodleReport.self, forKey: .details),
            headers: data.headers, rows: data.rows.map(\.columns), totalRowCount: data.totalrowcount,
            warnings: try container.decode([MoodleWarning].self, forKey: .warnings))
    }
}

/// All rows of a report, read page by page.
public struct MoodleReportRows: Sendable, Equatable {
    public var headers: [String]
    public var rows: [[String?]]
    /// `totalrowcount` of the first page.
    public var totalRowCount: Int
    /// Requests made to read them.
    public var pagesRead: Int
}
