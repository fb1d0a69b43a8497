import CreditCore
import MoodleClient

/// What a sync costs in HTTP requests to Moodle, path by path: the sizes the sync reads with, and the
/// requests one run makes given a site's sizes. The sync's readers use these sizes; `check` prints
/// the figures for a site; the tests hold the sync to them, function by function.
public enum SyncCost {
    /// Rows per `core_reportbuilder_retrieve_report` page.
    public static let reportPageSize = 500
    /// Users per `core_enrol_get_enrolled_users` page.
    public static let enrolledPageSize = 500
    /// Calls per `tool_mobile_call_external_functions` request.
    public static let batchSize = 50
    /// Usernames per `core_user_get_users_by_field` look-up.
    public static let lookUpChunk = 100

    /// HTTP requests for `calls` sub-calls sent through `tool_mobile_call_external_functions`. Moodle
    /// stops a batch at its first failing call, so each call it refuses (a 0-based position in
    /// `refused`) ends its request and the calls after it go in the next.
    public static func batches(_ calls: Int, refused: Set<Int> = []) -> Int {
        var requests = 0
        var next = 0
        while next < calls {
            let end = min(next + batchSize, calls)
            requests += 1
            next = (next..<end).first { refused.contains($0) }.map { $0 + 1 } ?? end
        }
        return requests
    }

    /// Requests to page through `rows` report rows: one page at least.
    public static func reportPages(_ rows: Int) -> Int { max(1, (rows + reportPageSize - 1) / reportPageSize) }

    /// Requests to page through a course's `enrolled` users: a page that comes back full asks for the next.
    public static func enrolledPages(_ enrolled: Int) -> Int { enrolled / enrolledPageSize + 1 }

    /// One run on the report-builder path.
    public struct ReportPath: Sendable, Equatable {
        public var isFull: Bool
        /// Rows the report gives this run: all of them on a full run, those since the last run's
        /// high-water mark (less an hour of overlap) on an incremental one.
        public var rows: Int
        /// Whether the service allows the report's filter functions (incremental reads need them).
        public var canFilter: Bool
        /// Whether any row is new to the ledger: only then is the course list read on an incremental run.
        public var hasNewRows: Bool
        /// Learners new to the ledger, looked up only when the report lacks identity columns.
        public var usersToLookUp: Int
        /// Whether a full run reads centres from cohorts (the mapping names cohorts, the service allows it).
        public var readsCohorts: Bool
        /// Credited pairs the report no longer lists, asked again on a full run; refused positions as in ``batches(_:refused:)``.
        public var reverified: Int
        public var reverifiedRefused: Set<Int>
        public var batching: Bool

        public init(
            isFull: Bool, rows: Int, canFilter: Bool = true, hasNewRows: Bool = true, usersToLookUp: Int = 0,
            readsCohorts: Bool = false, reverified: Int = 0, reverifiedRefused: Set<Int> = [], batching: Bool = true
        ) {
            self.isFull = isFull
            self.rows = rows
            self.canFilter = canFilter
            self.hasNewRows = hasNewRows
            self.usersToLookUp = usersToLookUp
            self.readsCohorts = readsCohorts
            self.reverified = reverified
            self.reverifiedRefused = reverifiedRefused
            self.batching = batching
        }

        /// Requests by web-service function.
        public var requests: [String: Int] {
            var counts: [String: Int] = [MoodleFunction.getSiteInfo: 1]
            if isFull || hasNewRows { counts[MoodleFunction.getCoursesByField] = 1 }
            if canFilter {
                counts[isFull ? MoodleFunction.resetReportFilters : MoodleFunction.setReportFilters] = 1
            }
            if isFull, readsCohorts {
                counts[MoodleFunction.getCohorts] = 1
                counts[MoodleFunction.getCohortMembers] = 1
            }
            counts[MoodleFunction.retrieveReport] = reportPages(rows)
            if usersToLookUp > 0 {
                counts[MoodleFunction.getUsersByField] = (usersToLookUp + lookUpChunk - 1) / lookUpChunk
            }
            if isFull, reverified > 0 {
                if batching {
                    counts[MoodleFunction.callExternalFunctions] = batches(reverified, refused: reverifiedRefused)
                } else {
                    counts[MoodleFunction.getCourseCompletionStatus] = reverified
                }
            }
            return counts
        }

        public var total: Int { requests.values.reduce(0, +) }
    }

    /// One run on the classic path.
    public struct ClassicPath: Sendable, Equatable {
        /// Every user enrolled in each mapped course (teachers too: they are paged through).
        public var enrolledPerCourse: [Int]
        /// Learners with a pair not yet credited: their completed flags are read.
        public var learnersToFlag: Int
        /// Per mapped course, the pairs whose completion status is asked (pairs newly complete, and on
        /// a full run the credited ones too); refused positions as in ``batches(_:refused:)``.
        public var statusCalls: [(calls: Int, refused: Set<Int>)]
        /// Whether the service allows `core_enrol_get_users_courses` (without it, every pair not yet
        /// credited has its status asked).
        public var readsFlags: Bool
        public var batching: Bool
        public var readsCohorts: Bool

        public init(
            enrolledPerCourse: [Int], learnersToFlag: Int, statusCalls: [(calls: Int, refused: Set<Int>)] = [],
            readsFlags: Bool = true, batching: Bool, readsCohorts: Bool = false
        ) {
            self.enrolledPerCourse = enrolledPerCourse
            self.learnersToFlag = learnersToFlag
            self.statusCalls = statusCalls
            self.readsFlags = readsFlags
            self.batching = batching
            self.readsCohorts = readsCohorts
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.enrolledPerCourse == rhs.enrolledPerCourse && lhs.learnersToFlag == rhs.learnersToFlag
                && lhs.statusCalls.map(\.calls) == rhs.statusCalls.map(\.calls)
                && lhs.statusCalls.map(\.refused) == rhs.statusCalls.map(\.refused) && lhs.readsFlags == rhs.readsFlags
                && lhs.batching == rhs.batching && lhs.readsCohorts == rhs.readsCohorts
        }

        /// Requests by web-service function.
        public var requests: [String: Int] {
            var counts: [String: Int] = [
                MoodleFunction.getSiteInfo: 1, MoodleFunction.getCoursesByField: 1,
            ]
            if readsCohorts {
                counts[MoodleFunction.getCohorts] = 1
                counts[MoodleFunction.getCohortMembers] = 1
            }
            let pages = enrolledPerCourse.map(enrolledPages).reduce(0, +)
            if pages > 0 { counts[MoodleFunction.getEnrolledUsers] = pages }
            var batched = 0
            if readsFlags, learnersToFlag > 0 {
                if batching {
                    batched += batches(learnersToFlag)
                } else {
                    counts[MoodleFunction.getUsersCourses] = learnersToFlag
                }
            }
            for course in statusCalls where course.calls > 0 {
                if batching {
                    batched += batches(course.calls, refused: course.refused)
                } else {
                    counts[MoodleFunction.getCourseCompletionStatus, default: 0] += course.calls
                }
            }
            if batched > 0 { counts[MoodleFunction.callExternalFunctions] = batched }
            return counts
        }

        public var total: Int { requests.values.reduce(0, +) }
    }
}

/// The sizes the classic path's cost depends on, read from a site: its mapped courses and their
/// participants (the course list and one participants request per 500 users of each course).
public struct ClassicSiteSize: Sendable, Equatable, Encodable {
    public var mappedCourses: Int { enrolledPerCourse.count }
    /// Every user enrolled in each mapped course, teachers too.
    public var enrolledPerCourse: [Int]
    /// The learners of each mapped course.
    public var learnersPerCourse: [Int]
    /// Distinct learners over the mapped courses.
    public var learners: Int

    public init(enrolledPerCourse: [Int], learnersPerCourse: [Int], learners: Int) {
        self.enrolledPerCourse = enrolledPerCourse
        self.learnersPerCourse = learnersPerCourse
        self.learners = learners
    }

    public static func read(site: SiteConfig, mapping: RegionMapping, moodle: MoodleSite) async throws -> Self {
        let catalog = CourseCatalog(
            site: site, mapping: mapping, moodleCourses: try await moodle.courses(by: .all).courses)
        var size = ClassicSiteSize(enrolledPerCourse: [], learnersPerCourse: [], learners: 0)
        var learners: Set<Int> = []
        for course in catalog.mappedCourses {
            let users = try await moodle.allEnrolledUsers(courseID: course.id, pageSize: SyncCost.enrolledPageSize)
            let courseLearners = users.filter(ClassicCompletionReader.isLearner)
            size.enrolledPerCourse.append(users.count)
            size.learnersPerCourse.append(courseLearners.count)
            learners.formUnion(courseLearners.map(\.id))
        }
        size.learners = learners.count
        return size
    }

    /// A run that finds nothing new, at most: every learner has a pair left to complete, so each
    /// one's flags are read (or, without the flags function, every pair's status is asked).
    public func nothingNew(batching: Bool, readsFlags: Bool) -> SyncCost.ClassicPath {
        SyncCost.ClassicPath(
            enrolledPerCourse: enrolledPerCourse, learnersToFlag: learners,
            statusCalls: readsFlags ? [] : learnersPerCourse.map { ($0, []) }, readsFlags: readsFlags,
            batching: batching)
    }
}
