import CreditCore
import MoodleClient

/// Turns a site's Moodle courses into credit modules: by the mapping files first, else by the
/// course's hours custom field, whose value obeys the same bounds as a mapping file's (2…36 h); a
/// course with neither, or with a field outside the bounds, is unmapped and reported.
struct CourseCatalog: Sendable {
    let site: SiteConfig
    let courses: [Int: SiteCourse]

    init(site: SiteConfig, mapping: RegionMapping, moodleCourses: [MoodleCourse]) {
        self.site = site
        var courses: [Int: SiteCourse] = [:]
        for course in moodleCourses where course.id != 1 {  // id 1 is the site's front page
            let idnumber = course.idNumber?.nonEmpty
            var module = mapping.module(
                site: site.id, courseID: course.id, idnumber: idnumber, shortname: course.shortName)
            var hoursProblem: LocalizedText?
            if module == nil, let field = site.hoursField,
                let text = course.customField(field).flatMap({ $0.valueRaw ?? $0.value })?.trimmingCharacters(
                    in: .whitespaces), !text.isEmpty
            {
                let bounds = Program.defaultModuleHours
                if let hours = Int(text), bounds.contains(hours) {
                    module = Module(
                        id: ModuleID(idnumber ?? "\(site.id):\(course.shortName)"), title: course.fullName,
                        hours: CreditHours(hours), form: .distance)
                } else {
                    // Shown cut short: the value comes from Moodle and may be anything.
                    hoursProblem = LocalizedText(
                        ru:
                            "его поле часов '\(field)' содержит «\(text.prefix(24))», а не целое число часов от \(bounds.lowerBound) до \(bounds.upperBound)",
                        en:
                            "its hours field '\(field)' holds '\(text.prefix(24))', not a whole number of hours within \(bounds.lowerBound)…\(bounds.upperBound)"
                    )
                }
            }
            let program = site.programField
                .flatMap { course.customField($0)?.value?.nonEmpty }
                .map { ProgramID($0) }
                .flatMap { mapping.program($0) == nil ? nil : $0 }
            courses[course.id] = SiteCourse(
                id: course.id, shortname: course.shortName, idnumber: idnumber, title: course.fullName,
                module: module, program: program, completionEnabled: course.enableCompletion ?? true,
                visible: course.visible ?? true, hoursProblem: hoursProblem)
        }
        self.courses = courses
    }

    /// The course a report row names, by idnumber or shortname.
    func course(idnumber: String?, shortname: String?) -> SiteCourse? {
        if let idnumber = idnumber?.nonEmpty, let found = courses.values.first(where: { $0.idnumber == idnumber }) {
            return found
        }
        guard let shortname = shortname?.nonEmpty else { return nil }
        return courses.values.first { $0.shortname == shortname }
    }

    var mappedCourses: [SiteCourse] { courses.values.filter { $0.module != nil }.sorted { $0.id < $1.id } }
}
