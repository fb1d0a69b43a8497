// Return shapes in Moodle 5.1 key order (derived from the captured XML, which lists every
// declared key, and the JSON, which gives the types).

extension WSShape {
    /// `core_course_get_courses`.
    static let courses: WSShape = .list(
        .object([
            "id": .int,
            "shortname": .string,
            "categoryid": .int,
            "categorysortorder": .int,
            "fullname": .string,
            "displayname": .string,
            "idnumber": .string,
            "summary": .string,
            "summaryformat": .int,
            "format": .string,
            "showgrades": .int,
            "newsitems": .int,
            "startdate": .int,
            "enddate": .int,
            "numsections": .int,
            "maxbytes": .int,
            "showreports": .int,
            "visible": .int,
            "hiddensections": .int,
            "groupmode": .int,
            "groupmodeforce": .int,
            "defaultgroupingid": .int,
            "timecreated": .int,
            "timemodified": .int,
            "enablecompletion": .int,
            "completionnotify": .int,
            "lang": .string,
            "forcetheme": .string,
            "courseformatoptions": .list(
                .object([
                    "name": .string,
                    "value": .raw,
                ])),
            "showactivitydates": .bool,
            "showcompletionconditions": .bool,
            "customfields": .list(
                .object([
                    "name": .string,
                    "shortname": .string,
                    "type": .string,
                    "valueraw": .raw,
                    "value": .string,
                ])),
        ]))

    /// `core_course_get_courses_by_field`.
    static let coursesByField: WSShape = .object([
        "courses": .list(
            .object([
                "id": .int,
                "fullname": .string,
                "displayname": .string,
                "shortname": .string,
                "courseimage": .string,
                "categoryid": .int,
                "categoryname": .string,
                "sortorder": .int,
                "summary": .string,
                "summaryformat": .int,
                "summaryfiles": .list(.string),
                "overviewfiles": .list(.string),
                "showactivitydates": .bool,
                "showcompletionconditions": .bool,
                "contacts": .list(
                    .object([
                        "id": .int,
                        "fullname": .string,
                    ])),
                "enrollmentmethods": .list(.string),
                "customfields": .list(
                    .object([
                        "name": .string,
                        "shortname": .string,
                        "type": .string,
                        "valueraw": .raw,
                        "value": .string,
                    ])),
                "idnumber": .string,
                "format": .string,
                "showgrades": .int,
                "newsitems": .int,
                "startdate": .int,
                "enddate": .int,
                "maxbytes": .int,
                "showreports": .int,
                "visible": .int,
                "groupmode": .int,
                "groupmodeforce": .int,
                "defaultgroupingid": .int,
                "enablecompletion": .int,
                "completionnotify": .int,
                "lang": .string,
                "theme": .string,
                "marker": .int,
                "legacyfiles": .int,
                "calendartype": .string,
                "timecreated": .int,
                "timemodified": .int,
                "requested": .int,
                "cacherev": .int,
                "filters": .list(
                    .object([
                        "filter": .string,
                        "localstate": .int,
                        "inheritedstate": .int,
                    ])),
                "courseformatoptions": .list(
                    .object([
                        "name": .string,
                        "value": .raw,
                    ])),
                "communicationroomname": .string,
                "communicationroomurl": .string,
            ])),
        "warnings": .warnings,
    ])

    /// `core_course_get_categories`.
    static let categories: WSShape = .list(
        .object([
            "id": .int,
            "name": .string,
            "idnumber": .string,
            "description": .string,
            "descriptionformat": .int,
            "parent": .int,
            "sortorder": .int,
            "coursecount": .int,
            "visible": .int,
            "visibleold": .int,
            "timemodified": .int,
            "depth": .int,
            "path": .string,
            "theme": .string,
        ]))
}
