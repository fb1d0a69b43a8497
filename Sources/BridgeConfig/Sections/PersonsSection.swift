import CreditCore

/// Reads `persons:` — learners registered before Moodle knows them.
enum PersonsSection {
    static func read(_ value: YAMLValue) -> [PersonRecord] {
        (value.list ?? []).compactMap { item in
            guard let keys = item.mapping else { return nil }
            defer { keys.rejectUnknownKeys() }
            let id = keys.string("id")
            let lastName = keys.string("last_name")
            let firstName = keys.string("first_name")
            let snils = keys.optional("snils").flatMap(readSNILS)
            let category = keys.optional("category")?.oneOf(LearnerCategory.self, what: "category")
            let person = Person(
                id: PersonID(id ?? "?"), lastName: lastName ?? "", firstName: firstName ?? "",
                middleName: keys.optionalString("middle_name"), snils: snils,
                email: keys.optionalString("email"), idnumber: keys.optionalString("idnumber"),
                category: category ?? .teacher, centre: keys.optionalString("centre").map { CentreID($0) })
            guard id != nil, lastName != nil, firstName != nil else { return nil }
            return PersonRecord(person: person, location: item.location)
        }
    }

    private static func readSNILS(_ value: YAMLValue) -> SNILS? {
        guard let text = value.string else { return nil }
        do {
            return try SNILS(parsing: text)
        } catch {
            value.error("bad SNILS '\(text)': \(error)")
            return nil
        }
    }
}
