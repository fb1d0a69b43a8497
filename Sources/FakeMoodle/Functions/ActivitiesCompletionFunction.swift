/// `core_completion_get_activities_completion_status`: the criterion activity's state for a user.
///
/// Unlike the course status it needs no active enrolment: a suspended or expired enrolment still
/// shows the real state (`istrackeduser: false`), a user who is not enrolled shows `state: 0`.
enum ActivitiesCompletionFunction {
    static let function = WSFunction(
        name: "core_completion_get_activities_completion_status", parameters: ["courseid", "userid"],
        returns: .activitiesStatus
    ) { params, _, state in
        let scenario = state.scenario
        let courseID = try params.int("courseid")
        let userID = try params.int("userid")
        guard let course = scenario.course(id: courseID) else { throw MoodleException.invalidRecord }
        guard let user = scenario.user(id: userID) else { throw MoodleException.invalidRecord }
        if user.deleted { throw MoodleException.userDeleted }
        guard course.enableCompletion, let module = course.activityModule else {
            return ["statuses": [], "warnings": []]
        }
        let rows = scenario.enrolments.filter { $0.userID == userID && $0.courseID == courseID }
        let tracked = !user.suspended && rows.contains { $0.isActive(at: scenario.site.now) && $0.isTracked }
        let completion = rows.isEmpty ? nil : scenario.completion(userID: userID, courseID: courseID)
        let done = completion != nil
        // The activity is completed a little before the course (the completion cron aggregates later).
        let time = completion.map { $0.timeCompleted - 600 } ?? 0
        let details: [WSValue] =
            module == .assign
            ? [
                [
                    "rulename": "completionusegrade",
                    "rulevalue": ["status": .int(done ? 2 : 0), "description": "Receive a grade"],
                ],
                [
                    "rulename": "completionpassgrade",
                    "rulevalue": ["status": .int(done ? 2 : 0), "description": "Receive a passing grade"],
                ],
            ] : []
        let status: WSValue = [
            "cmid": .int(course.activityCMID), "modname": .string(module.rawValue), "instance": .int(course.id - 1),
            "state": .int(done ? (module == .assign ? 2 : 1) : 0), "timecompleted": .int(time),
            "tracking": .int(module == .assign ? 2 : 1), "overrideby": .null, "valueused": false,
            "hascompletion": true, "isautomatic": .bool(module == .assign), "istrackeduser": .bool(tracked),
            "uservisible": true, "details": .list(details), "isoverallcomplete": .bool(done),
        ]
        return ["statuses": [status], "warnings": []]
    }
}
