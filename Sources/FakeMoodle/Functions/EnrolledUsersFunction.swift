import Foundation

/// `core_enrol_get_enrolled_users`: a course's participants ordered by user id.
///
/// Options: `limitfrom`/`limitnumber` (no total), `onlyactive`, `onlysuspended`, `userfields`,
/// `withcapability` (the service account lacks `moodle/role:review`). Unknown option names are ignored.
/// The result never says anything about the enrolment itself.
enum EnrolledUsersFunction {
    static let function = WSFunction(
        name: "core_enrol_get_enrolled_users", parameters: ["courseid", "options"], returns: .enrolledUsers
    ) { params, _, state in
        let scenario = state.scenario
        let courseID = try params.int("courseid")
        var options: [String: String] = [:]
        for option in try params.structList("options") {
            guard option.hasOnlyKeys(["name", "value"]), let name = option["name"]?.text,
                let value = option["value"]?.text
            else { throw MoodleException.invalidParameter }
            options[name] = value
        }
        guard scenario.course(id: courseID) != nil else { throw MoodleException.invalidRecord }
        if options["withcapability"].map({ !$0.isEmpty }) == true {
            throw MoodleException.noPermissions("Review permissions for others")
        }
        let onlyActive = isTrue(options["onlyactive"])
        let onlySuspended = isTrue(options["onlysuspended"])
        if onlyActive && onlySuspended {
            throw MoodleException.codingError(
                "Both onlyactive and onlysuspended are set, this is probably not what you want!")
        }
        let now = scenario.site.now
        let rows = scenario.enrolments(inCourse: courseID)
        var byUser: [Int: [Enrolment]] = [:]
        for row in rows { byUser[row.userID, default: []].append(row) }
        var userIDs = byUser.keys.sorted()
        if onlyActive { userIDs = userIDs.filter { id in byUser[id]!.contains { $0.isActive(at: now) } } }
        if onlySuspended { userIDs = userIDs.filter { id in !byUser[id]!.contains { $0.isActive(at: now) } } }

        let from = max(0, Int(options["limitfrom"] ?? "0") ?? 0)
        let number = max(0, Int(options["limitnumber"] ?? "0") ?? 0)
        let page = userIDs.dropFirst(from).prefix(number == 0 ? Int.max : number)
        let fields = options["userfields"].map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }

        // Indexes built once per call, so large generated sites stay fast.
        let pageIDs = Set(page)
        let users = Dictionary(
            scenario.users.filter { pageIDs.contains($0.id) }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var activeCourses: [Int: Set<Int>] = [:]
        for row in scenario.enrolments where pageIDs.contains(row.userID) && row.isActive(at: now) {
            activeCourses[row.userID, default: []].insert(row.courseID)
        }
        return .list(
            page.compactMap { users[$0] }.map { user in
                entry(
                    user, roles: byUser[user.id]!, activeCourseIDs: activeCourses[user.id] ?? [], fields: fields,
                    scenario: scenario)
            })
    }

    private static func isTrue(_ text: String?) -> Bool {
        guard let text else { return false }
        return ["1", "true", "yes", "on"].contains(text.lowercased())
    }

    private static func entry(
        _ user: User, roles rows: [Enrolment], activeCourseIDs: Set<Int>, fields: Set<String>?, scenario: Scenario
    ) -> WSValue {
        var entry = UserView.common(user, scenario)
        entry["lastcourseaccess"] = 0
        if let custom = UserView.profileFields(user, scenario, withDisplayValue: false) {
            entry["customfields"] = custom
        }
        // One entry per role assignment (a role given twice is listed twice).
        let roleNames = (rows.max { $0.roles.count < $1.roles.count }?.roles ?? []).sorted {
            UserView.roleID($0) < UserView.roleID($1)
        }
        entry["roles"] = .list(
            roleNames.map {
                ["roleid": .int(UserView.roleID($0)), "name": "", "shortname": .string($0), "sortorder": 0]
            })
        let courses = scenario.courses.filter { activeCourseIDs.contains($0.id) && $0.visible }
        if !courses.isEmpty {
            entry["enrolledcourses"] = .list(
                courses.map {
                    ["id": .int($0.id), "fullname": .string($0.fullname), "shortname": .string($0.shortname)]
                })
        }
        if let fields {
            // `id` and `fullname` always come back (Moodle 5.1).
            entry = entry.filter { fields.contains($0.key) || $0.key == "id" || $0.key == "fullname" }
        }
        return .object(entry)
    }
}
