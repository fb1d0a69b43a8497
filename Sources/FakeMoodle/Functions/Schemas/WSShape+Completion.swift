// Return shapes in Moodle 5.1 key order (derived from the captured XML, which lists every
// declared key, and the JSON, which gives the types).

extension WSShape {
    /// `core_enrol_get_users_courses`.
    static let usersCourses: WSShape = .list(
        .object([
            "id": .int,
            "shortname": .string,
            "fullname": .string,
            "displayname": .string,
            "enrolledusercount": .int,
            "idnumber": .string,
            "visible": .int,
            "summary": .string,
            "summaryformat": .int,
            "format": .string,
            "courseimage": .string,
            "showgrades": .bool,
            "lang": .string,
            "enablecompletion": .bool,
            "completionhascriteria": .bool,
            "completionusertracked": .bool,
            "category": .int,
            "progress": .float,
            "completed": .bool,
            "startdate": .int,
            "enddate": .int,
            "marker": .int,
            "lastaccess": .int,
            "isfavourite": .bool,
            "hidden": .bool,
            "overviewfiles": .list(.string),
            "showactivitydates": .bool,
            "showcompletionconditions": .bool,
            "timemodified": .int,
        ]))

    /// `core_completion_get_course_completion_status`.
    static let courseCompletionStatus: WSShape = .object([
        "completionstatus": .object([
            "completed": .bool,
            "aggregation": .int,
            "completions": .list(
                .object([
                    "type": .int,
                    "title": .string,
                    "status": .string,
                    "complete": .bool,
                    "timecompleted": .int,
                    "details": .object([
                        "type": .string,
                        "criteria": .string,
                        "requirement": .string,
                        "status": .string,
                    ]),
                ])),
        ]),
        "warnings": .warnings,
    ])

    /// `core_completion_get_activities_completion_status`.
    static let activitiesStatus: WSShape = .object([
        "statuses": .list(
            .object([
                "cmid": .int,
                "modname": .string,
                "instance": .int,
                "state": .int,
                "timecompleted": .int,
                "tracking": .int,
                "overrideby": .string,
                "valueused": .bool,
                "hascompletion": .bool,
                "isautomatic": .bool,
                "istrackeduser": .bool,
                "uservisible": .bool,
                "details": .list(
                    .object([
                        "rulename": .string,
                        "rulevalue": .object([
                            "status": .int,
                            "description": .string,
                        ]),
                    ])),
                "isoverallcomplete": .bool,
            ])),
        "warnings": .warnings,
    ])
}
