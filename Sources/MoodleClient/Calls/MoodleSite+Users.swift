extension MoodleSite {
    /// `core_user_get_users_by_field`. Keep `values` to a few hundred per call (PHP `max_input_vars`).
    public func users(by field: MoodleUserField, values: [String]) async throws -> [MoodleUser] {
        try await call(
            MoodleFunction.getUsersByField,
            ["field": .string(field.rawValue), "values": .list(values.map { .string($0) })],
            as: [MoodleUser].self)
    }

    /// `core_user_get_users_by_field` with `field=id`.
    public func users(ids: [Int]) async throws -> [MoodleUser] {
        try await users(by: .id, values: ids.map(String.init))
    }

    /// `core_user_get_users` with `criteria` (`key` is a user field; `%` works as a wildcard in values).
    public func users(matching criteria: [(key: String, value: String)]) async throws -> MoodleUserSearchResult {
        try await call(
            MoodleFunction.getUsers,
            ["criteria": .list(criteria.map { .fields(["key": .string($0.key), "value": .string($0.value)]) })],
            as: MoodleUserSearchResult.self)
    }

    /// `core_cohort_get_cohorts`: all cohorts, or those in `ids` (unknown ids are skipped).
    public func cohorts(ids: [Int] = []) async throws -> [MoodleCohort] {
        var arguments = MoodleArguments()
        if !ids.isEmpty { arguments.append("cohortids", .list(ids.map { .int($0) })) }
        return try await call(MoodleFunction.getCohorts, arguments, as: [MoodleCohort].self)
    }

    /// `core_cohort_get_cohort_members` (an unknown id fails the call with `recordNotFound`).
    public func cohortMembers(cohortIDs: [Int]) async throws -> [MoodleCohortMembers] {
        try await call(
            MoodleFunction.getCohortMembers, ["cohortids": .list(cohortIDs.map { .int($0) })],
            as: [MoodleCohortMembers].self)
    }
}
