// Return shapes in Moodle 5.1 key order (derived from the captured XML, which lists every
// declared key, and the JSON, which gives the types).

extension WSShape {
    /// A report as `core_reportbuilder_list_reports` and `core_reportbuilder_retrieve_report` describe one.
    static let reportDetails: WSShape = .object([
        "name": .string,
        "source": .string,
        "type": .int,
        "uniquerows": .bool,
        "conditiondata": .string,
        "settingsdata": .string,
        "contextid": .int,
        "component": .string,
        "area": .string,
        "itemid": .int,
        "usercreated": .int,
        "id": .int,
        "timecreated": .int,
        "timemodified": .int,
        "usermodified": .int,
        "sourcename": .string,
        "tags": .list(.string),
        "customfields": .object([
            "data": .list(.string)
        ]),
        "modifiedby": .object([
            "id": .int,
            "email": .string,
            "idnumber": .string,
            "phone1": .string,
            "phone2": .string,
            "department": .string,
            "institution": .string,
            "fullname": .string,
            "identity": .string,
            "profileurl": .string,
            "profileimageurl": .string,
            "profileimageurlsmall": .string,
        ]),
    ])

    /// `core_reportbuilder_list_reports`.
    static let listReports: WSShape = .object([
        "reports": .list(reportDetails),
        "warnings": .warnings,
    ])

    /// `core_reportbuilder_retrieve_report`.
    static let retrieveReport: WSShape = .object([
        "details": reportDetails,
        "data": .object([
            "headers": .list(.string),
            "rows": .list(
                .object([
                    "columns": .list(.string)
                ])),
            "totalrowcount": .int,
        ]),
        "warnings": .warnings,
    ])
}
