/// A course completion: the `course_completions` row of a (user, course) with `timecompleted` set.
public struct Completion: Sendable, Codable, Equatable {
    /// The user.
    public var userID: Int
    /// The course.
    public var courseID: Int
    /// `timecompleted` (Unix seconds); every criterion is taken as met at this time.
    public var timeCompleted: Int

    /// Creates a completion.
    public init(userID: Int, courseID: Int, timeCompleted: Int) {
        self.userID = userID
        self.courseID = courseID
        self.timeCompleted = timeCompleted
    }
}
