import CreditCore

/// Reads `centres:`, `centre_field:` and `categories:` — where learners belong.
enum OrganisationSection {
    static func readCentres(_ value: YAMLValue) -> [Centre] {
        (value.list ?? []).compactMap { item in
            guard let keys = item.mapping else { return nil }
            defer { keys.rejectUnknownKeys() }
            guard let id = keys.string("id"), let name = keys.string("name") else { return nil }
            return Centre(
                id: CentreID(id), name: name, cohort: keys.optionalString("cohort"),
                profileValue: keys.optionalString("field_value"), location: item.location)
        }
    }

    /// `categories: { field: profile.position, administrator: [...], methodist: [...], default: teacher }`
    static func readCategories(_ value: YAMLValue, into organisation: inout Organisation) {
        guard let keys = value.mapping else { return }
        defer { keys.rejectUnknownKeys() }
        organisation.categoryField = keys.optionalString("field")
        if let fallback = keys.optional("default")?.oneOf(LearnerCategory.self, what: "category") {
            organisation.defaultCategory = fallback
        }
        for category in LearnerCategory.allCases {
            guard let list = keys.optional(category.rawValue)?.list else { continue }
            organisation.categoryValues[category] = list.compactMap(\.string)
        }
    }
}
