import CreditCore

/// Reads `modules:` — the credit modules and the Moodle courses that teach them.
enum ModulesSection {
    static func read(_ value: YAMLValue) -> [ModuleMapping] {
        (value.list ?? []).compactMap { item in
            guard let keys = item.mapping else { return nil }
            defer { keys.rejectUnknownKeys() }
            let id = keys.string("id")
            let title = keys.string("title")
            let hours = keys.int("hours")
            let form = keys.required("form")?.oneOf(StudyForm.self, what: "form")
            let courses = keys.optional("courses").map(readCourses) ?? []
            guard let id, let title, let hours, let form else { return nil }
            return ModuleMapping(
                module: Module(id: ModuleID(id), title: title, hours: CreditHours(hours), form: form),
                courses: courses, location: item.location)
        }
    }

    private static func readCourses(_ value: YAMLValue) -> [CourseReference] {
        (value.list ?? []).compactMap { item in
            guard let keys = item.mapping else { return nil }
            defer { keys.rejectUnknownKeys() }
            let site = keys.string("site")
            let named: [CourseReference.Key] = [
                keys.optionalString("idnumber").map { .idnumber($0) },
                keys.optionalString("shortname").map { .shortname($0) },
                keys.optionalInt("id").map { .id($0) },
            ].compactMap { $0 }
            guard named.count == 1 else {
                item.error("name the course by exactly one of idnumber, shortname or id")
                return nil
            }
            guard let site else { return nil }
            return CourseReference(site: SiteID(site), key: named[0], location: item.location)
        }
    }
}
