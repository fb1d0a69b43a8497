/// Look-ups the function handlers share.
extension Scenario {
    func course(id: Int) -> Course? { courses.first { $0.id == id } }
    func user(id: Int) -> User? { users.first { $0.id == id } }
    func category(id: Int) -> Category? { categories.first { $0.id == id } }
    func service(_ shortname: String) -> Service? { services.first { $0.shortname == shortname } }

    /// Every enrolment row of a course, deleted users excluded (their enrolments are removed).
    func enrolments(inCourse courseID: Int) -> [Enrolment] {
        let deleted = Set(users.filter(\.deleted).map(\.id))
        return enrolments.filter { $0.courseID == courseID && !deleted.contains($0.userID) }
    }

    /// The completion of a (user, course), if any.
    func completion(userID: Int, courseID: Int) -> Completion? {
        completions.first { $0.userID == userID && $0.courseID == courseID }
    }

    /// Whether the user has at least one active enrolment in the course.
    func hasActiveEnrolment(userID: Int, courseID: Int) -> Bool {
        enrolments.contains { $0.userID == userID && $0.courseID == courseID && $0.isActive(at: site.now) }
    }
}
