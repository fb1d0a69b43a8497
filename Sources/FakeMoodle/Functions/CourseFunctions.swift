import Foundation

/// `core_course_get_courses` and `core_course_get_courses_by_field`.
enum CourseFunctions {
    static let getCourses = WSFunction(
        name: "core_course_get_courses", parameters: ["options"], returns: .courses
    ) { params, _, state in
        let scenario = state.scenario
        var ids: [Int] = []
        if let options = params.root["options"] {
            guard options.hasOnlyKeys(["ids"]) else { throw MoodleException.invalidParameter }
            ids = try Params(options).intList("ids")
        }
        let all = [CourseView.site(scenario)] + scenario.courses.map { CourseView(course: $0, scenario: scenario) }
        let selected = ids.isEmpty ? all : all.filter { ids.contains($0.id) }
        return .list(selected.map(\.coursesEntry))
    }

    static let getCoursesByField = WSFunction(
        name: "core_course_get_courses_by_field", parameters: ["field", "value"], returns: .coursesByField
    ) { params, _, state in
        let scenario = state.scenario
        let field = try params.string("field", default: "")
        let value = try params.string("value", default: "")
        let all = [CourseView.site(scenario)] + scenario.courses.map { CourseView(course: $0, scenario: scenario) }
        let selected: [CourseView]
        switch field {
        case "": selected = all
        case "id": selected = all.filter { String($0.id) == value }
        case "ids":
            let ids = value.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            // Moodle 5.1 fails the whole call with a PHP Error (no errorcode) on any unknown id.
            guard ids.allSatisfy({ id in id.map { id in all.contains { $0.id == id } } ?? false }) else {
                throw MoodleException(
                    className: "Error", errorCode: nil,
                    message: "Attempt to assign property \"contextvalidated\" on null")
            }
            selected = all.filter { ids.contains($0.id) }
        case "shortname": selected = all.filter { $0.shortname == value }
        case "idnumber": selected = all.filter { !value.isEmpty && $0.idnumber == value }
        case "category": selected = all.filter { String($0.categoryID) == value && $0.id != 1 }
        case "sectionid": selected = []
        default: throw MoodleException.invalidParameter
        }
        return ["courses": .list(selected.sorted { $0.id < $1.id }.map(\.byFieldEntry)), "warnings": []]
    }
}
