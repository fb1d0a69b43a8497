/// `core_cohort_get_cohorts` and `core_cohort_get_cohort_members`.
enum CohortFunctions {
    static let getCohorts = WSFunction(
        name: "core_cohort_get_cohorts", parameters: ["cohortids"], returns: .cohorts
    ) { params, _, state in
        let ids = try params.intList("cohortids")
        let cohorts = state.scenario.cohorts
        // Unknown ids are skipped silently.
        let selected = ids.isEmpty ? cohorts : ids.compactMap { id in cohorts.first { $0.id == id } }
        return .list(
            selected.map {
                [
                    "id": .int($0.id), "name": .string($0.name), "idnumber": .string($0.idnumber),
                    "description": .string($0.description), "descriptionformat": 1, "visible": .bool($0.visible),
                    "theme": "", "customfields": [],
                ]
            })
    }

    static let getCohortMembers = WSFunction(
        name: "core_cohort_get_cohort_members", parameters: ["cohortids"], returns: .cohortMembers
    ) { params, _, state in
        let ids = try params.intList("cohortids")
        guard !ids.isEmpty else { throw MoodleException.invalidParameter }
        return .list(
            try ids.map { id in
                guard let cohort = state.scenario.cohorts.first(where: { $0.id == id }) else {
                    throw MoodleException.invalidRecord
                }
                return ["cohortid": .int(id), "userids": .list(cohort.memberIDs.map(WSValue.int))]
            })
    }
}
