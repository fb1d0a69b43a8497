extension MoodleSite {
    /// `core_webservice_get_site_info`: call at the start of every sync to check version and functions.
    public func siteInfo() async throws -> MoodleSiteInfo {
        try await call(MoodleFunction.getSiteInfo, as: MoodleSiteInfo.self)
    }

    /// Throws ``MoodleError/Code-swift.struct/functionNotAvailable`` unless every function in
    /// `required` is in the token's service.
    public func requireFunctions(_ required: [String]) async throws {
        let missing = try await siteInfo().missingFunctions(required)
        guard missing.isEmpty else {
            throw MoodleError(
                code: .functionNotAvailable,
                message: "The token's external service lacks \(missing.joined(separator: ", ")). Add them to the "
                    + "service in Site administration > Server > Web services > External services.",
                wsFunction: missing.first)
        }
    }

    /// `core_course_get_courses`: all courses (including the site course id 1) or those in `ids`.
    /// The order is arbitrary; unknown ids are dropped silently.
    public func courses(ids: [Int] = []) async throws -> [MoodleCourse] {
        var arguments = MoodleArguments()
        if !ids.isEmpty { arguments.append("options", .fields(["ids": .list(ids.map { .int($0) })])) }
        return try await call(MoodleFunction.getCourses, arguments, as: [MoodleCourse].self)
    }

    /// `core_course_get_courses_by_field`. With `.ids`, pass only ids known to exist (5.1 fails the
    /// whole call with a PHP `Error` otherwise).
    public func courses(by field: MoodleCourseField, value: String = "") async throws -> MoodleCourseSearchResult {
        var arguments = MoodleArguments()
        if field != .all {
            arguments.append("field", .string(field.rawValue))
            arguments.append("value", .string(value))
        }
        return try await call(MoodleFunction.getCoursesByField, arguments, as: MoodleCourseSearchResult.self)
    }

    /// `core_course_get_categories` with `criteria` (`id`, `ids`, `name`, `parent`, `idnumber`, …).
    /// `addSubcategories` `nil` leaves Moodle's default (true: descendants are included).
    public func categories(
        criteria: [(key: String, value: String)] = [], addSubcategories: Bool? = nil
    ) async throws -> [MoodleCategory] {
        var arguments = MoodleArguments()
        if !criteria.isEmpty {
            arguments.append(
                "criteria", .list(criteria.map { .fields(["key": .string($0.key), "value": .string($0.value)]) }))
        }
        arguments.append("addsubcategories", addSubcategories.map { .bool($0) })
        return try await call(MoodleFunction.getCategories, arguments, as: [MoodleCategory].self)
    }
}
