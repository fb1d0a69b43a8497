/// One web-service function the fake implements: its arguments, its return shape and its logic.
struct WSFunction: Sendable {
    /// Who is calling, as established by the token.
    struct Caller: Sendable {
        var userID: Int
        var service: Service
    }

    typealias Handler = @Sendable (Params, Caller, inout SiteState) throws -> WSValue

    let name: String
    /// Declared top-level argument names; anything else is `invalidparameter`.
    let parameters: Set<String>
    let returns: WSShape
    let handler: Handler

    func call(_ arguments: FormValue, caller: Caller, state: inout SiteState) throws -> WSValue {
        let params = Params(arguments)
        try params.requireOnly(parameters)
        return try handler(params, caller, &state)
    }
}

/// Everything the server knows that can change while it runs.
struct SiteState: Sendable {
    var scenario: Scenario
    /// Expired tokens Moodle deleted on first use.
    var deletedTokens: Set<String> = []
    /// Report-builder filter values per (user, report): the JSON `values` of `set_filters`.
    var reportFilters: [ReportFilterKey: [String: Double]] = [:]
}

struct ReportFilterKey: Hashable, Sendable {
    var userID: Int
    var reportID: Int
}

/// The functions the fake implements, and the names Moodle knows but the fake does not.
enum FunctionCatalog {
    static let all: [String: WSFunction] = Dictionary(
        uniqueKeysWithValues: [
            SiteInfoFunction.function,
            CourseFunctions.getCourses, CourseFunctions.getCoursesByField, CategoryFunction.function,
            EnrolledUsersFunction.function, UsersCoursesFunction.function,
            CourseCompletionStatusFunction.function, ActivitiesCompletionFunction.function,
            UserFunctions.getUsersByField, UserFunctions.getUsers,
            CohortFunctions.getCohorts, CohortFunctions.getCohortMembers,
            ReportBuilderFunctions.listReports, ReportBuilderFunctions.retrieveReport,
            ReportBuilderFunctions.setFilters, ReportBuilderFunctions.filtersReset,
            BatchFunction.function,
        ].map { ($0.name, $0) })

    /// Names of every implemented function, sorted.
    static let implementedNames: [String] = all.keys.sorted()

    /// Real Moodle functions the fake does not implement: a token may be allowed them, but a call
    /// fails with `codingerror`; outside the service they give `accessexception` like on Moodle.
    static let knownUnimplemented: Set<String> = [
        "core_cohort_search_cohorts", "core_enrol_get_course_enrolment_methods", "gradereport_user_get_grade_items",
        "gradereport_user_get_grades_table", "core_grades_get_gradeitems", "core_course_get_updates_since",
        "core_course_check_updates", "core_reportbuilder_retrieve_system_report", "core_course_get_contents",
        "core_enrol_get_enrolled_users_with_capability", "core_course_search_courses", "core_user_create_users",
        "core_user_update_users", "core_reportbuilder_view_report", "core_completion_mark_course_self_completed",
    ]

    static func isKnown(_ name: String) -> Bool { all[name] != nil || knownUnimplemented.contains(name) }
}
