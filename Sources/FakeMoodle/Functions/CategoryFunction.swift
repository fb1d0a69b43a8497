/// `core_course_get_categories`: categories matching AND-combined criteria, descendants optional.
enum CategoryFunction {
    static let function = WSFunction(
        name: "core_course_get_categories", parameters: ["criteria", "addsubcategories"], returns: .categories
    ) { params, _, state in
        let scenario = state.scenario
        let addSubcategories = try params.bool("addsubcategories", default: true)
        var matches = scenario.categories
        let criteria = try params.structList("criteria")
        for criterion in criteria {
            guard criterion.hasOnlyKeys(["key", "value"]), let key = criterion["key"]?.text,
                let value = criterion["value"]?.text
            else { throw MoodleException.invalidParameter }
            switch key {
            case "id": matches = matches.filter { String($0.id) == value }
            case "ids":
                let ids = Set(value.split(separator: ",").compactMap { Int($0) })
                matches = matches.filter { ids.contains($0.id) }
            case "name": matches = matches.filter { $0.name == value }
            case "parent": matches = matches.filter { String($0.parent) == value }
            case "idnumber": matches = matches.filter { $0.idnumber == value }
            case "visible": matches = matches.filter { ($0.visible ? "1" : "0") == value }
            case "theme": matches = matches.filter { _ in value.isEmpty }
            default: throw MoodleException.invalidParameter
            }
        }
        if addSubcategories && !criteria.isEmpty {
            var ids = Set(matches.map(\.id))
            var grew = true
            while grew {
                let children = scenario.categories.filter { ids.contains($0.parent) && !ids.contains($0.id) }
                grew = !children.isEmpty
                ids.formUnion(children.map(\.id))
            }
            matches = scenario.categories.filter { ids.contains($0.id) }
        }
        return .list(
            matches.sorted { sortKey($0, scenario).lexicographicallyPrecedes(sortKey($1, scenario)) }.map {
                entry($0, scenario)
            })
    }

    /// Ancestor ids from the root, e.g. `[2, 3]` for category 3 under 2.
    static func path(_ category: Category, _ scenario: Scenario) -> [Int] {
        var path = [category.id]
        var current = category
        while current.parent != 0, let parent = scenario.category(id: current.parent), !path.contains(parent.id) {
            path.insert(parent.id, at: 0)
            current = parent
        }
        return path
    }

    private static func sortKey(_ category: Category, _ scenario: Scenario) -> [Int] { path(category, scenario) }

    private static func entry(_ category: Category, _ scenario: Scenario) -> WSValue {
        let path = path(category, scenario)
        return [
            "id": .int(category.id), "name": .string(category.name), "idnumber": .string(orNull: category.idnumber),
            "description": .string(category.description), "descriptionformat": 1, "parent": .int(category.parent),
            "sortorder": .int(category.id * 10_000),
            "coursecount": .int(scenario.courses.filter { $0.categoryID == category.id }.count),
            "visible": .bool(category.visible), "visibleold": .bool(category.visible),
            "timemodified": 1_735_689_600, "depth": .int(path.count),
            "path": .string("/" + path.map(String.init).joined(separator: "/")), "theme": "",
        ]
    }
}
