import CreditCore
import Foundation
import MoodleClient

/// Reads completions the classic way, for sites without the report builder: the enrolled users of
/// each mapped course (paged); each learner's completed flags from `core_enrol_get_users_courses`
/// (one call per learner, when the service allows it); then the completion status (for its time)
/// of the pairs newly completed — all batched through `tool_mobile_call_external_functions` when
/// the service allows it.
struct ClassicCompletionReader {
    let moodle: MoodleSite
    let site: SiteConfig
    let canBatch: Bool
    /// Whether the service allows `core_enrol_get_users_courses`.
    let canReadFlags: Bool

    /// Each learner's completed flags by course of their list: true, false, or nil (Moodle does not
    /// judge: completion off, the learner not tracked). A course missing from a learner's list is
    /// one where the enrolment is not active, or a hidden course.
    func completedFlags(of userIDs: [Int]) async throws -> [Int: [Int: Bool?]] {
        guard canReadFlags, !userIDs.isEmpty else { return [:] }
        func flags(_ courses: [MoodleUserCourse]) -> [Int: Bool?] {
            Dictionary(courses.map { ($0.id, $0.completed) }, uniquingKeysWith: { a, _ in a })
        }
        var result: [Int: [Int: Bool?]] = [:]
        if canBatch {
            let requests = userIDs.map { userID in
                MoodleBatchRequest(
                    MoodleFunction.getUsersCourses, ["userid": .int(userID), "returnusercount": .bool(false)])
            }
            let answers = try await moodle.callBatch(
                requests, as: [MoodleUserCourse].self, batchSize: SyncCost.batchSize)
            for (userID, answer) in zip(userIDs, answers) {
                if case .success(let courses) = answer { result[userID] = flags(courses) }
            }
            return result
        }
        return try await withThrowingTaskGroup(of: (Int, [Int: Bool?]).self) { group in
            for userID in userIDs {
                group.addTask { (userID, flags(try await moodle.usersCourses(userID: userID))) }
            }
            for try await (userID, flags) in group { result[userID] = flags }
            return result
        }
    }

    /// What Moodle said about one (course, user) pair.
    enum Status: Sendable {
        case completed(Date)
        case notCompleted
        /// Every criterion complete, the course not: Moodle's completion task has not aggregated it yet.
        case awaitingAggregation
        /// Moodle refuses to show it (expired or suspended enrolment, suspended or deleted account).
        case invisible(LocalizedText)
    }

    /// Teachers are enrolled too; only learners (or users with no role shown) earn credit.
    static func isLearner(_ user: MoodleEnrolledUser) -> Bool {
        user.roles.isEmpty || user.roles.contains { $0.shortName == "student" }
    }

    /// The enrolled users of a course, with the fields identity needs.
    func enrolledUsers(course: SiteCourse) async throws -> [MoodleIdentity] {
        try await moodle.allEnrolledUsers(courseID: course.id, pageSize: SyncCost.enrolledPageSize).filter(
            Self.isLearner
        ).map { user in
            var identity = MoodleIdentity(
                userID: user.id, username: user.username, idnumber: user.idNumber?.nonEmpty,
                email: user.email?.nonEmpty,
                firstName: user.firstName, lastName: user.lastName, department: user.department?.nonEmpty)
            for field in user.customFields { identity.profile[field.shortName] = field.value?.nonEmpty }
            return identity
        }
    }

    /// Asks the completion status of each pair.
    func statuses(of pairs: [(courseID: Int, userID: Int)]) async throws -> [Status] {
        guard !pairs.isEmpty else { return [] }
        if canBatch {
            let requests = pairs.map { pair in
                MoodleBatchRequest(
                    MoodleFunction.getCourseCompletionStatus,
                    ["courseid": .int(pair.courseID), "userid": .int(pair.userID)])
            }
            let results = try await moodle.callBatch(
                requests, as: MoodleCourseCompletionStatus.self, batchSize: SyncCost.batchSize)
            return try results.map { result in
                switch result {
                case .success(let status): return Self.status(status)
                case .failure(let error): return try Self.status(error)
                }
            }
        }
        return try await withThrowingTaskGroup(of: (Int, Status).self) { group in
            for (index, pair) in pairs.enumerated() {
                group.addTask {
                    do {
                        return (
                            index,
                            Self.status(
                                try await moodle.courseCompletionStatus(courseID: pair.courseID, userID: pair.userID))
                        )
                    } catch let error as MoodleError {
                        return (index, try Self.status(error))
                    }
                }
            }
            var statuses = [Status](repeating: .notCompleted, count: pairs.count)
            for try await (index, status) in group { statuses[index] = status }
            return statuses
        }
    }

    private static func status(_ status: MoodleCourseCompletionStatus) -> Status {
        guard status.completed else {
            let met = !status.completions.isEmpty && status.completions.allSatisfy(\.complete)
            return met ? .awaitingAggregation : .notCompleted
        }
        // Moodle gives no course-level time: the last criterion's time is the completion time.
        let time = status.latestCriterionTimeCompleted ?? 0
        return .completed(Date(timeIntervalSince1970: TimeInterval(time)))
    }

    private static func status(_ error: MoodleError) throws -> Status {
        switch error.code {
        case .notEnrolled:
            return .invisible(
                LocalizedText(
                    ru:
                        "Moodle его больше не показывает: запись на курс окончена или приостановлена, либо учётная запись заблокирована",
                    en: "Moodle no longer shows it: the enrolment ended or was suspended, or the account is suspended"))
        case .userDeleted:
            return .invisible(LocalizedText(ru: "пользователь удалён в Moodle", en: "the user was deleted in Moodle"))
        case .cannotViewReport:
            return .invisible(
                LocalizedText(
                    ru: "в этом курсе отключено отслеживание завершения",
                    en: "completion tracking is off in this course"))
        default: throw error
        }
    }
}
