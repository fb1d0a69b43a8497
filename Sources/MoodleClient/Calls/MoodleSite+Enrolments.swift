extension MoodleSite {
    /// `core_enrol_get_enrolled_users`: one call (one page if `limitFrom`/`limitNumber` are set).
    /// Includes suspended and expired enrolments unless `onlyActive`.
    public func enrolledUsers(
        courseID: Int, options: MoodleEnrolledUsersOptions = MoodleEnrolledUsersOptions()
    ) async throws -> [MoodleEnrolledUser] {
        var arguments: MoodleArguments = ["courseid": .int(courseID)]
        let pairs = options.pairs
        if !pairs.isEmpty { arguments.append("options", .options(pairs)) }
        return try await call(MoodleFunction.getEnrolledUsers, arguments, as: [MoodleEnrolledUser].self)
    }

    /// Pages of `core_enrol_get_enrolled_users` of `pageSize` users, stopping after an empty or
    /// short page (Moodle gives no total count). `limitFrom`/`limitNumber` in `options` are replaced.
    public func enrolledUserPages(
        courseID: Int, pageSize: Int = 100, options: MoodleEnrolledUsersOptions = MoodleEnrolledUsersOptions()
    ) -> MoodleEnrolledUserPages {
        MoodleEnrolledUserPages(site: self, courseID: courseID, pageSize: max(1, pageSize), options: options)
    }

    /// All enrolled users of a course, read in pages of `pageSize`.
    public func allEnrolledUsers(
        courseID: Int, pageSize: Int = 100, options: MoodleEnrolledUsersOptions = MoodleEnrolledUsersOptions()
    ) async throws -> [MoodleEnrolledUser] {
        var users: [MoodleEnrolledUser] = []
        for try await page in enrolledUserPages(courseID: courseID, pageSize: pageSize, options: options) {
            users += page
        }
        return users
    }

    /// `core_enrol_get_users_courses` (active enrolments only, hidden courses the user cannot see
    /// omitted). `returnUserCount` is off by default because counting is expensive.
    public func usersCourses(userID: Int, returnUserCount: Bool = false) async throws -> [MoodleUserCourse] {
        try await call(
            MoodleFunction.getUsersCourses, ["userid": .int(userID), "returnusercount": .bool(returnUserCount)],
            as: [MoodleUserCourse].self)
    }
}

/// An `AsyncSequence` of enrolled-user pages (see ``MoodleSite/enrolledUserPages(courseID:pageSize:options:)``).
public struct MoodleEnrolledUserPages: AsyncSequence, Sendable {
    public typealias Element = [MoodleEnrolledUser]

    let site: MoodleSite
    let courseID: Int
    let pageSize: Int
    let options: MoodleEnrolledUsersOptions

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: self, offset: 0, finished: false)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let pages: MoodleEnrolledUserPages
        var offset: Int
        var finished: Bool

        public mutating func next() async throws -> [MoodleEnrolledUser]? {
            guard !finished else { return nil }
            var options = pages.options
            options.limitFrom = offset
            options.limitNumber = pages.pageSize
            let page = try await pages.site.enrolledUsers(courseID: pages.courseID, options: options)
            offset += page.count
            if page.count < pages.pageSize { finished = true }
            return page.isEmpty ? nil : page
        }
    }
}
