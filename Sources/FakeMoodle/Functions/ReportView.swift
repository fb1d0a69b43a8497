/// The completion report's details and rows: every cell a formatted display string.
enum ReportView {
    static func headers(_ report: Report, _ scenario: Scenario) -> [String] {
        (report.columns ?? ReportColumn.captured).map { column in
            switch column {
            case .courseShortname: "Course short name"
            case .courseIdnumber: "Course ID number"
            case .courseHours: scenario.courseFields.first { $0.shortname == "hours" }?.name ?? "hours"
            case .userFullnameWithLink: "Full name with link"
            case .userFirstname: "First name"
            case .userLastname: "Last name"
            case .username: "Username"
            case .userIdnumber: "ID number"
            case .userEmail: "Email address"
            case .userDepartment: "Department"
            case .userSnils: scenario.profileFields.first { $0.shortname == "snils" }?.name ?? "snils"
            case .enrolPlugin: "Plugin"
            case .enrolStatus: "Status"
            case .enrolTimeStarted: "Time started"
            case .completed: "Completed"
            case .timeCompleted: "Time completed"
            }
        }
    }

    /// One row per user enrolment (so two methods give two rows), deleted users excluded, ordered by
    /// user then course; with `completedOnly`, only enrolments whose (user, course) is complete.
    static func rows(_ report: Report, _ scenario: Scenario, filter: [String: Double]) -> [[String]] {
        let dates = MoodleDateFormat(timeZoneIdentifier: scenario.site.timezone)
        let now = scenario.site.now
        let users = Dictionary(scenario.users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let courses = Dictionary(scenario.courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var completions: [Pair: Int] = [:]
        for completion in scenario.completions {
            completions[Pair(userID: completion.userID, courseID: completion.courseID)] = completion.timeCompleted
        }
        let enrolments = scenario.enrolments.sorted {
            ($0.userID, $0.courseID, $0.method.rawValue) < ($1.userID, $1.courseID, $1.method.rawValue)
        }
        var rows: [[String]] = []
        for enrolment in enrolments {
            guard let user = users[enrolment.userID], !user.deleted, let course = courses[enrolment.courseID] else {
                continue
            }
            let completed = completions[Pair(userID: user.id, courseID: course.id)]
            if report.completedOnly && completed == nil { continue }
            guard matches(filter, timeCompleted: completed) else { continue }
            let status =
                enrolment.status == .suspended ? "Suspended" : (enrolment.isActive(at: now) ? "Active" : "Not current")
            rows.append(
                (report.columns ?? ReportColumn.captured).map { column in
                    switch column {
                    case .courseShortname: course.shortname
                    case .courseIdnumber: course.idnumber
                    case .courseHours: course.customFields["hours"] ?? ""
                    // Moodle's `fullnamewithlink`: the full name, HTML-escaped, in a link to the profile.
                    case .userFullnameWithLink:
                        "<a href=\"\(scenario.site.url)/user/profile.php?id=\(user.id)\">\(escapeHTML(user.fullname))</a>"
                    case .userFirstname: user.firstname
                    case .userLastname: user.lastname
                    case .username: user.username
                    case .userIdnumber: user.idnumber
                    case .userEmail: user.email
                    case .userDepartment: user.department
                    case .userSnils: user.profile["snils"] ?? ""
                    case .enrolPlugin: pluginName(enrolment.method)
                    case .enrolStatus: status
                    case .enrolTimeStarted:
                        dates.string(
                            fromUnix: enrolment.timeStart > 0 ? enrolment.timeStart : (enrolment.timeCreated ?? now))
                    case .completed: completed == nil ? "No" : "Yes"
                    case .timeCompleted: completed.map(dates.string(fromUnix:)) ?? ""
                    }
                })
        }
        return rows
    }

    /// The `completion:timecompleted` date filter (operators: 1 not empty, 2 empty, 3 range).
    static func matches(_ filter: [String: Double], timeCompleted: Int?) -> Bool {
        let op = Int(filter["completion:timecompleted_operator"] ?? 0)
        switch op {
        case 1: return timeCompleted != nil
        case 2: return timeCompleted == nil
        case 3:
            guard let time = timeCompleted.map(Double.init) else { return false }
            let from = filter["completion:timecompleted_from"] ?? 0
            let to = filter["completion:timecompleted_to"] ?? 0
            if from > 0 && to > 0 { return time >= from && time <= to }
            if from > 0 { return time >= from }
            if to > 0 { return time < to }
            return true
        default: return true
        }
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#039;")
    }

    static func pluginName(_ method: Enrolment.Method) -> String {
        switch method {
        case .manual: "Manual enrolments"
        case .self: "Self enrolment"
        case .cohort: "Cohort sync"
        }
    }

    static func details(_ report: Report, _ scenario: Scenario) -> WSValue {
        let url = scenario.site.url
        let admin = scenario.user(id: scenario.site.adminUserIDs.first ?? 2)
        let email = admin?.email ?? "admin@example.org"
        return [
            "name": .string(report.name), "source": "core_course\\reportbuilder\\datasource\\participants", "type": 0,
            "uniquerows": false,
            "conditiondata": .string(report.completedOnly ? "{\"completion:completed_operator\":1}" : "[]"),
            "settingsdata": .null, "contextid": 1, "component": "", "area": "", "itemid": 0,
            "usercreated": .int(admin?.id ?? 2), "id": .int(report.id), "timecreated": .int(report.timeCreated),
            "timemodified": .int(report.timeCreated), "usermodified": .int(admin?.id ?? 2),
            "sourcename": "Course participants", "tags": [], "customfields": ["data": []],
            "modifiedby": [
                "id": .int(admin?.id ?? 2), "email": .string(email), "idnumber": "", "phone1": "", "phone2": "",
                "department": "", "institution": "", "fullname": .string(admin?.fullname ?? "Admin User"),
                "identity": .string(email), "profileurl": .string("\(url)/user/profile.php?id=\(admin?.id ?? 2)"),
                "profileimageurl": .string("\(url)/theme/image.php/boost/core/1/u/f1"),
                "profileimageurlsmall": .string("\(url)/theme/image.php/boost/core/1/u/f2"),
            ],
        ]
    }

    private struct Pair: Hashable {
        var userID: Int
        var courseID: Int
    }
}
