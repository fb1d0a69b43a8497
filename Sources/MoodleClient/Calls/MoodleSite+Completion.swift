extension MoodleSite {
    /// `core_completion_get_course_completion_status`. Throws `notEnrolled` for users without an
    /// active enrolment (also suspended accounts), `userDeleted`, `cannotViewReport` when completion is off.
    public func courseCompletionStatus(courseID: Int, userID: Int) async throws -> MoodleCourseCompletionStatus {
        try await call(
            MoodleFunction.getCourseCompletionStatus, ["courseid": .int(courseID), "userid": .int(userID)],
            as: MoodleCourseCompletionStatus.self)
    }

    /// `core_completion_get_activities_completion_status` (only activities the caller may view).
    public func activitiesCompletionStatus(courseID: Int, userID: Int) async throws -> MoodleActivitiesCompletionStatus
    {
        try await call(
            MoodleFunction.getActivitiesCompletionStatus, ["courseid": .int(courseID), "userid": .int(userID)],
            as: MoodleActivitiesCompletionStatus.self)
    }
}
