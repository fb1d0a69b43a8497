import Foundation

/// A course as the course functions print it, the site course (id 1) included.
struct CourseView {
    var id: Int
    var shortname: String
    var fullname: String
    var idnumber: String
    var categoryID: Int
    var categoryName: String
    var sortorder: Int
    var summary: String
    var visible: Bool
    var enableCompletion: Bool
    var startDate: Int
    var endDate: Int
    var timeCreated: Int
    var customFields: WSValue
    var contacts: WSValue
    var enrolmentMethods: [String]
    var isSite: Bool
    var siteURL: String

    init(course: Course, scenario: Scenario) {
        id = course.id
        shortname = course.shortname
        fullname = course.fullname
        idnumber = course.idnumber
        categoryID = course.categoryID
        categoryName = scenario.category(id: course.categoryID)?.name ?? ""
        let newerInCategory = scenario.courses.filter { $0.categoryID == course.categoryID && $0.id >= course.id }
        sortorder = course.categoryID * 10_000 + newerInCategory.count
        let hoursText = course.customFields["hours"].map { "\($0) ч." } ?? "не установлен"
        summary = course.summary ?? "<p>\(course.fullname). Объём: \(hoursText)</p>"
        visible = course.visible
        enableCompletion = course.enableCompletion
        startDate = course.startDate
        endDate = course.endDate
        timeCreated = course.timeCreated
        customFields = CourseView.customFields(values: course.customFields, definitions: scenario.courseFields)
        let enrolments = scenario.enrolments(inCourse: course.id)
        let teacherIDs = Set(enrolments.filter { $0.role == "editingteacher" }.map(\.userID)).sorted()
        contacts = .list(
            teacherIDs.compactMap { scenario.user(id: $0) }.map {
                ["id": .int($0.id), "fullname": .string($0.fullname)]
            })
        let methods = Set(enrolments.map(\.method.rawValue) + course.enrolmentMethods.map(\.rawValue))
        enrolmentMethods = ["manual"] + ["self", "cohort"].filter(methods.contains)
        isSite = false
        siteURL = scenario.site.url
    }

    private init(site scenario: Scenario) {
        let site = scenario.site
        id = 1
        shortname = site.shortName
        fullname = site.frontPageName
        idnumber = ""
        categoryID = 0
        categoryName = ""
        sortorder = 1
        summary = site.summary
        visible = true
        enableCompletion = false
        startDate = 0
        endDate = 0
        timeCreated = 1_735_689_600
        customFields = CourseView.customFields(values: [:], definitions: scenario.courseFields)
        contacts = []
        enrolmentMethods = []
        isSite = true
        siteURL = site.url
    }

    static func site(_ scenario: Scenario) -> CourseView { CourseView(site: scenario) }

    /// Every field, in definition order; a number is `valueraw` number + `value` text, both null when unset.
    static func customFields(values: [String: String], definitions: [FieldDefinition]) -> WSValue {
        .list(
            definitions.map { definition in
                let raw = values[definition.shortname]
                let valueraw: WSValue
                let value: WSValue
                switch definition.kind {
                case .number:
                    // Any number a field may hold, Int.max included, without trapping.
                    valueraw =
                        raw.flatMap { text in
                            Int(text).map(WSValue.int)
                                ?? Double(text).map { number in Int(exactly: number).map(WSValue.int) ?? .double(number)
                                }
                        } ?? .null
                    value = raw.map(WSValue.string) ?? .null
                case .text:
                    valueraw = .string(raw ?? "")
                    value = raw.map(WSValue.string) ?? .null
                }
                return [
                    "name": .string(definition.name), "shortname": .string(definition.shortname),
                    "type": .string(definition.kind.rawValue), "valueraw": valueraw, "value": value,
                ]
            })
    }

    private var formatOptions: WSValue {
        isSite
            ? [["name": "numsections", "value": 1]]
            : [["name": "hiddensections", "value": 1], ["name": "coursedisplay", "value": 0]]
    }

    /// An element of `core_course_get_courses` (caller holds `moodle/course:update`).
    var coursesEntry: WSValue {
        var entry: [String: WSValue] = [
            "id": .int(id), "shortname": .string(shortname), "categoryid": .int(categoryID),
            "categorysortorder": .int(sortorder), "fullname": .string(fullname), "displayname": .string(fullname),
            "idnumber": .string(idnumber), "summary": .string(summary), "summaryformat": 1,
            "format": .string(isSite ? "site" : "topics"), "showgrades": 1, "newsitems": .int(isSite ? 3 : 0),
            "startdate": .int(startDate), "enddate": .int(endDate), "numsections": .int(isSite ? 1 : 2),
            "maxbytes": 0, "showreports": 0, "visible": .bool(visible), "groupmode": 0, "groupmodeforce": 0,
            "defaultgroupingid": 0, "timecreated": .int(timeCreated), "timemodified": .int(timeCreated),
            "enablecompletion": .bool(enableCompletion), "completionnotify": 0, "lang": "", "forcetheme": "",
            "courseformatoptions": formatOptions, "showactivitydates": false,
            "showcompletionconditions": isSite || !enableCompletion ? .null : true, "customfields": customFields,
        ]
        if !isSite { entry["hiddensections"] = 1 }
        return .object(entry)
    }

    /// An element of `core_course_get_courses_by_field`'s `courses`.
    var byFieldEntry: WSValue {
        var options: WSValue = formatOptions
        if !isSite, case .list(var items) = options {
            items.append(["name": "indentation", "value": "1"])
            options = .list(items)
        }
        let filters: WSValue = .list(
            ["displayh5p", "activitynames", "mathjaxloader", "emoticon", "urltolink", "mediaplugin"].map {
                ["filter": .string($0), "localstate": 0, "inheritedstate": 1]
            })
        var entry: [String: WSValue] = [
            "id": .int(id), "fullname": .string(fullname), "displayname": .string(fullname),
            "shortname": .string(shortname),
            "courseimage": .string("\(siteURL)/pluginfile.php/\(id)/course/generated/course.svg"),
            "categoryid": .int(categoryID), "categoryname": .string(categoryName), "sortorder": .int(sortorder),
            "summary": .string(summary), "summaryformat": 1, "summaryfiles": [], "overviewfiles": [],
            "showactivitydates": false, "showcompletionconditions": isSite || !enableCompletion ? .null : true,
            "contacts": contacts,
            "enrollmentmethods": .list(enrolmentMethods.map(WSValue.string)), "customfields": customFields,
            "idnumber": .string(idnumber), "format": .string(isSite ? "site" : "topics"), "showgrades": 1,
            "newsitems": .int(isSite ? 3 : 0), "startdate": .int(startDate), "enddate": .int(endDate),
            "maxbytes": 0, "showreports": 0, "visible": .bool(visible), "groupmode": 0, "groupmodeforce": 0,
            "defaultgroupingid": 0, "enablecompletion": .bool(enableCompletion), "completionnotify": 0,
            "lang": "", "theme": "", "marker": 0, "legacyfiles": 0, "calendartype": "",
            "timecreated": .int(timeCreated), "timemodified": .int(timeCreated), "requested": 0,
            "cacherev": .int(timeCreated), "filters": filters,
        ]
        // The site course has no format options here.
        if !isSite { entry["courseformatoptions"] = options }
        return .object(entry)
    }
}
