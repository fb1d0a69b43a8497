/// `core_completion_get_course_completion_status`: per-criterion status of one (course, user).
///
/// Requires an active, tracked enrolment of a non-suspended account (Moodle 5.1): otherwise
/// `usernotenroled`; deleted users get `userdeleted`, a course without completion `cannotviewreport`.
/// There is no course-level time; each criterion carries `timecompleted`.
enum CourseCompletionStatusFunction {
    static let function = WSFunction(
        name: "core_completion_get_course_completion_status", parameters: ["courseid", "userid"],
        returns: .courseCompletionStatus
    ) { params, _, state in
        let scenario = state.scenario
        let courseID = try params.int("courseid")
        let userID = try params.int("userid")
        guard let course = scenario.course(id: courseID) else { throw MoodleException.invalidRecord }
        guard let user = scenario.user(id: userID) else { throw MoodleException.invalidRecord }
        if user.deleted { throw MoodleException.userDeleted }
        guard course.enableCompletion else { throw MoodleException.cannotViewReport }
        let tracked = scenario.enrolments.contains {
            $0.userID == userID && $0.courseID == courseID && $0.isActive(at: scenario.site.now) && $0.isTracked
        }
        guard tracked, !user.suspended else { throw MoodleException.userNotEnrolled }
        guard !course.criteria.isEmpty else { throw MoodleException.noCriteriaSet }
        let completion = scenario.completion(userID: userID, courseID: courseID)
        // Criteria met but not aggregated yet read complete one by one, the course not.
        let criteriaMet =
            completion
            ?? scenario.awaitingAggregation.first { $0.userID == userID && $0.courseID == courseID }
        let completions: [WSValue] = course.criteria.map { criterion in
            let (type, title, detailType, criteria, requirement) = describe(
                criterion, course: course, site: scenario.site)
            return [
                "type": .int(type), "title": .string(title), "status": .string(criteriaMet == nil ? "No" : "Yes"),
                "complete": .bool(criteriaMet != nil), "timecompleted": .int(orNull: criteriaMet?.timeCompleted),
                "details": [
                    "type": .string(detailType), "criteria": .string(criteria), "requirement": .string(requirement),
                    "status": "",
                ],
            ]
        }
        return [
            "completionstatus": [
                "completed": .bool(completion != nil), "aggregation": 1, "completions": .list(completions),
            ],
            "warnings": [],
        ]
    }

    private static func describe(
        _ criterion: CompletionCriterion, course: Course, site: Site
    )
        -> (Int, String, String, String, String)
    {
        switch criterion {
        case .activity(let module):
            let name = module == .assign ? "Итоговая работа" : "Лекционный материал"
            let link = "<a href=\"\(site.url)/mod/\(module.rawValue)/view.php?id=\(course.activityCMID)\">\(name)</a>"
            let requirement =
                module == .assign ? "Achieving grade, Achieving passing grade" : "Marking yourself complete"
            return (4, "Activity completion", "Activity completion", link, requirement)
        case .selfCompletion:
            return (1, "Self completion", "Self completion", "Self completion", "Marking yourself complete")
        case .role(let name):
            return (7, name, "Manual completion by others", name, "Marked complete by \(name)")
        }
    }
}
