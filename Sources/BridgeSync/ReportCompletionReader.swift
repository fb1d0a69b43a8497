import CreditCore
import Foundation
import MoodleClient

/// Reads completions from a report-builder custom report on the "Course participants" source,
/// whose cells are formatted text.
///
/// Columns are found by their English headers (the bridge asks Moodle for English): `Course ID
/// number` or `Course short name`, `Username`, `Time completed`, and optionally `ID number`,
/// `Email address` and a profile-field column named like the field (e.g. `СНИЛС` or `snils`).
struct ReportCompletionReader {
    let moodle: MoodleSite
    let reportID: Int
    let site: SiteConfig
    /// Whether the service allows setting and resetting the report's filters.
    let canFilter: Bool

    struct Columns {
        var courseIdnumber: Int?
        var courseShortname: Int?
        var username: Int
        var idnumber: Int?
        var email: Int?
        var timeCompleted: Int
        var profile: [String: Int]
    }

    /// Finds the needed columns, or throws a message naming the missing ones.
    static func columns(in headers: [String], site: SiteConfig) throws -> Columns {
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
        for case .profileField(let field) in site.identity {
            let aliases = field.lowercased() == "snils" ? ["snils", "снилс"] : [field.lowercased()]
            if let index = lowered.firstIndex(where: { aliases.contains($0) }) { profile[field] = index }
        }
        return Columns(
            courseIdnumber: courseIdnumber, courseShortname: courseShortname, username: username,
            idnumber: find("id number", "user id number"), email: find("email address", "email"),
            timeCompleted: timeCompleted, profile: profile)
    }

    /// Reads every completion, or (with `since`) those completed at or after it, page by page, so
    /// memory stays bounded by the page size whatever the site's size. Returns the rows of courses
    /// the site's course list does not know, by course.
    func read(
        catalog: CourseCatalog, since: Date?, pageSize: Int = 500,
        onPage: ([SiteCompletion]) async throws -> Void
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
            if columns == nil { columns = try Self.columns(in: result.headers, site: site) }
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
                guard let course = catalog.course(idnumber: courseIdnumber, shortname: courseShortname) else {
                    unknownCourses[courseShortname ?? courseIdnumber ?? "?", default: 0] += 1
                    continue
                }
                // Two enrolment methods in one course give two identical rows.
                guard seen.insert("\(course.id)/\(username)").inserted else { continue }
                var user = MoodleIdentity(
                    username: username, idnumber: cell(columns.idnumber), email: cell(columns.email))
                for (field, index) in columns.profile { user.profile[field] = cell(index) }
                completions.append(SiteCompletion(courseID: course.id, user: user, completedAt: completedAt))
            }
            try await onPage(completions)
            if result.rows.count < pageSize { break }
        }
        return unknownCourses
    }
}
