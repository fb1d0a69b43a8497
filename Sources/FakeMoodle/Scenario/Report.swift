/// A report-builder custom report over the "Course participants" source listing course completions.
///
/// Columns: course short name, course ID number, the `hours` field, username, user ID number,
/// email, the `snils` profile field, enrolment plugin, enrolment status, time started, completed,
/// time completed — one row per (enrolment, completion).
public struct Report: Sendable, Codable, Equatable {
    /// Report id.
    public var id: Int
    /// Report name.
    public var name: String
    /// Condition "Completed = Yes" (otherwise every participant is listed).
    public var completedOnly: Bool
    /// `timecreated` / `timemodified`.
    public var timeCreated: Int
    /// User ids in the audience; `nil` = every service account.
    public var audienceUserIDs: [Int]?

    /// Creates a report.
    public init(
        id: Int, name: String, completedOnly: Bool = true, timeCreated: Int = 1_735_689_600,
        audienceUserIDs: [Int]? = nil
    ) {
        self.id = id
        self.name = name
        self.completedOnly = completedOnly
        self.timeCreated = timeCreated
        self.audienceUserIDs = audienceUserIDs
    }
}
