/// The category a learner is planned and reported under.
public enum LearnerCategory: String, CaseIterable, Hashable, Sendable, Codable {
    /// Centre administrators and their deputies.
    case administrator
    /// Methodists of the regional and methodical centres.
    case methodist
    /// Teachers and other education workers.
    case teacher
}
