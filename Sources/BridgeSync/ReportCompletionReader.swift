import CreditCore
import Foundation
import MoodleClient

/// Reads completions from a report-builder custom report on the "Course participants" source,
/// whose cells are formatted text.
///
/// Columns are found by their English headers (the bridge asks Moodle for English): `Course ID
/// number` or `Course short name`, `Username`, `Time completed`, and optionally `ID number`,
/// `Email address`, a profile-field column named like the field (e.g. `СНИЛС` or `snils`), and the
/// user entity's `Full name with link` (whose profile link carries the Moodle user id), `First name`,
/// `Last name` and `Department`. With the optional ones present, the report alone carries all that
/// identity and the person registry need, and no user is looked up.
struct ReportCompletionReader {
    let moodle: MoodleSite
    let reportID: Int
    let site: SiteConfig
    /// Whether the service allows setting and resetting the report's filters.
    let canFilter: Bool
    /// The organisation's category field, when it is read from Moodle (a profile field or `department`).
    var categoryField: String? = nil

    struct Columns {
        var courseIdnumber: Int?
        var courseShortname: Int?
        var username: Int
        var idnumber: Int?
        var email: Int?
        var timeCompleted: Int
        var profile: [String: Int]
        var fullNameWithLink: Int?
        var firstName: Int?
        var lastName: Int?
        var department: Int?

        /// What the report lacks that a new user must be looked up for: the Moodle user id, the
        /// names, and the profile fields the site's identity keys or category use.
        func lacking(site: SiteConfig, categoryField: String?) -> [String] {
            var lacking: [String] = []
            if fullNameWithLink == nil { lacking.append("Full name with link (the Moodle user id)") }
            if firstName == nil { lacking.append("First name") }
            if lastName == nil { lacking.append("Last name") }
            var fields: [String] = []
            for case .profileField(let field) in site.identity { fields.append(field) }
            if let categoryField, categoryField != "department" { fields.append(categoryField) }
            for field in fields where profile[field] == nil && !lacking.contains(field) { lacking.append(field) }
            if categoryField == "department", department == nil { lacking.append("Department") }
            return lacking
        }
    }

    /// Finds the needed columns, or throws a message naming the missing ones.
    static func columns(in headers: [String], site: SiteConfig, categoryField: String? = nil) throws -> Columns {
        let lowered = headers.map { $0.lowercased() }
        func find(_ names: String...) -> Int? { lowered.firstIndex { names.contains($0) } }
        let courseIdnumber = find("course id number")
        let courseShortname = find("course short name", "course shortname")
        let username = find("username")
        let timeCompleted = find("time completed")
        var missing: [String] = []
        if courseIdnumber == nil && courseShortname == nil { missing.append("Course ID number (or Course short name)") }
        if username == nil { missing.append("Username") }
        if timeCompleted == nil { missing.append("Time completed") }
        guard missing.isEmpty, let username, let timeCompleted else {
            throw SyncError.reportColumnsMissing(site: site.id, missing: missing, found: headers)
        }
        var profile: [String: Int] = [:]
        var fields: [String] = []
        for case .profileField(let field) in site.identity { fields.append(field) }
        if let categoryField, categoryField != "department" { fields.append(categoryField) }
        for field in fields {
            let aliases = field.lowercased() == "snils" ? ["snils", "снилс"] : [field.lowercased()]
            if let index = lowered.firstIndex(where: { aliases.contains($0) }) { profile[field] = index }
        }
        return Columns(
            courseIdnumber: courseIdnumber, courseShortname: courseShortname, username: username,
            idnumber: find("id number", "user id number"), email: find("email address", "email"),
            timeCompleted: timeCompleted, profile: profile, fullNameWithLink: find("full name with link"),
            firstName: find("first name"), lastName: find("last name", "surname"), department: find("department"))
    }

    /// Reads every completion, or (with `since`) those completed at or after it, page by page, so
    /// memory stays bounded by the page size whatever the site's size. Returns the rows of courses
    /// the site's course list does not know, by course.
    func read(
        course: (_ idnumber: String?, _ shortname: String?) async throws -> Int?, since: Date?,
        pageSize: Int = SyncCost.reportPageSize,
        onPage: ([SiteCompletion], _ lacking: [String]) async throws -> Void
    ) async throws -> [String: Int] {
        if canFilter, let since {
            try await moodle.setReportDateRangeFilter(
                reportID: reportID, filter: "completion:timecompleted", from: Int(since.timeIntervalSince1970))
        } else if canFilter {
            try await moodle.resetReportFilters(reportID: reportID)
        }
        let dates = ReportDateParser(timeZone: TimeZone(identifier: site.timeZone) ?? .current)
        var unknownCourses: [String: Int] = [:]
        var seen: Set<String> = []
        var columns: Columns?
        var page = 0
        var rowsRead = 0
        var total = Int.max
        while rowsRead < total {
            let result = try await moodle.retrieveReport(reportID: reportID, page: page, perPage: pageSize)
            // A page past the end reports a total of 0; the total is read from the first page.
            if page == 0 { total = result.totalRowCount }
            if columns == nil {
                columns = try Self.columns(in: result.headers, site: site, categoryField: categoryField)
            }
            guard let columns, !result.rows.isEmpty else { break }
            page += 1
            rowsRead += result.rows.count
            var completions: [SiteCompletion] = []
            for row in result.rows {
                func cell(_ index: Int?) -> String? {
                    guard let index, index < row.count else { return nil }
                    return row[index]?.trimmingCharacters(in: .whitespaces).nonEmpty
                }
                let courseIdnumber = cell(columns.courseIdnumber)
                let courseShortname = cell(columns.courseShortname)
                guard let username = cell(columns.username),
                    let completedAt = cell(columns.timeCompleted).flatMap(dates.date(from:))
                else { continue }
                guard let courseID = try await course(courseIdnumber, courseShortname) else {
                    unknownCourses[courseShortname ?? courseIdnumber ?? "?", default: 0] += 1
                    continue
                }
                // Two enrolment methods in one course give two identical rows.
                guard seen.insert("\(courseID)/\(username)").inserted else { continue }
                var user = MoodleIdentity(
                    username: username, idnumber: cell(columns.idnumber), email: cell(columns.email),
                    firstName: cell(columns.firstName), lastName: cell(columns.lastName),
                    department: cell(columns.department))
                user.userID = cell(columns.fullNameWithLink).flatMap(ProfileLink.userID(in:))
                for (field, index) in columns.profile { user.profile[field] = cell(index) }
                completions.append(SiteCompletion(courseID: courseID, user: user, completedAt: completedAt))
            }
            try await onPage(completions, columns.lacking(site: site, categoryField: categoryField))
            if result.rows.count < pageSize { break }
        }
        return unknownCourses
    }
}

/// What a completion report's columns give the sync, for `check`.
public struct CompletionReportColumns: Sendable, Equatable {
    /// Required columns the report lacks: the sync cannot read it.
    public var missingRequired: [String]
    /// Optional columns the report lacks: each sync then looks up every user new to the ledger.
    public var lacking: [String]

    public init(headers: [String], site: SiteConfig, categoryField: String?) {
        do {
            let columns = try ReportCompletionReader.columns(in: headers, site: site, categoryField: categoryField)
            missingRequired = []
            lacking = columns.lacking(site: site, categoryField: categoryField)
        } catch SyncError.reportColumnsMissing(_, let missing, _) {
            missingRequired = missing
            lacking = []
        } catch {
            missingRequired = ["(unreadable headers)"]
            lacking = []
        }
    }
}
