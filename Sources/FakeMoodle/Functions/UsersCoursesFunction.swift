/// `core_enrol_get_users_courses`: the courses where a user has an **active** enrolment, with the
/// `completed` flag but no completion time. Hidden courses are left out (the listed user lacks
/// `moodle/course:viewhiddencourses`); a deleted or unknown user gets `[]`.
enum UsersCoursesFunction {
    static let function = WSFunction(
        name: "core_enrol_get_users_courses", parameters: ["userid", "returnusercount"], returns: .usersCourses
    ) { params, _, state in
        let scenario = state.scenario
        let userID = try params.int("userid")
        let returnUserCount = try params.bool("returnusercount", default: true)
        guard let user = scenario.user(id: userID), !user.deleted else { return [] }
        let now = scenario.site.now
        let active = scenario.enrolments.filter { $0.userID == userID && $0.isActive(at: now) }
        let courseIDs = Set(active.map(\.courseID))
        let courses = scenario.courses.filter { courseIDs.contains($0.id) && $0.visible }
        return .list(
            courses.map { course in
                let tracked = active.contains { $0.courseID == course.id && $0.isTracked }
                let completed = scenario.completion(userID: userID, courseID: course.id) != nil
                var entry: [String: WSValue] = [
                    "id": .int(course.id), "shortname": .string(course.shortname), "fullname": .string(course.fullname),
                    "displayname": .string(course.fullname), "idnumber": .string(course.idnumber),
                    "visible": .bool(course.visible),
                    "summary": .string(CourseView(course: course, scenario: scenario).summary),
                    "summaryformat": 1, "format": "topics",
                    "courseimage": .string(
                        "\(scenario.site.url)/pluginfile.php/\(course.id)/course/generated/course.svg"),
                    "showgrades": true, "lang": "", "enablecompletion": .bool(course.enableCompletion),
                    "completionhascriteria": .bool(course.enableCompletion && !course.criteria.isEmpty),
                    "completionusertracked": .bool(course.enableCompletion && tracked),
                    "category": .int(course.categoryID),
                    "startdate": .int(course.startDate), "enddate": .int(course.endDate), "marker": 0,
                    "lastaccess": .null, "isfavourite": false, "hidden": false, "overviewfiles": [],
                    "showactivitydates": false, "showcompletionconditions": true,
                    "timemodified": .int(course.timeCreated),
                ]
                if course.enableCompletion {
                    entry["completed"] = .bool(completed)
                    entry["progress"] = tracked ? .int(completed ? 100 : 0) : .null
                } else {
                    entry["completed"] = .null
                    entry["progress"] = .null
                }
                if returnUserCount {
                    entry["enrolledusercount"] = .int(Set(scenario.enrolments(inCourse: course.id).map(\.userID)).count)
                }
                return .object(entry)
            })
    }
}
