// Return shapes in Moodle 5.1 key order (derived from the captured XML, which lists every
// declared key, and the JSON, which gives the types).

extension WSShape {
    /// `core_enrol_get_enrolled_users`.
    static let enrolledUsers: WSShape = .list(
        .object([
            "id": .int,
            "username": .string,
            "firstname": .string,
            "lastname": .string,
            "fullname": .string,
            "email": .string,
            "address": .string,
            "phone1": .string,
            "phone2": .string,
            "department": .string,
            "institution": .string,
            "idnumber": .string,
            "interests": .string,
            "firstaccess": .int,
            "lastaccess": .int,
            "lastcourseaccess": .int,
            "description": .string,
            "descriptionformat": .int,
            "city": .string,
            "country": .string,
            "profileimageurlsmall": .string,
            "profileimageurl": .string,
            "customfields": .list(
                .object([
                    "type": .string,
                    "value": .string,
                    "name": .string,
                    "shortname": .string,
                ])),
            "groups": .list(.string),
            "roles": .list(
                .object([
                    "roleid": .int,
                    "name": .string,
                    "shortname": .string,
                    "sortorder": .int,
                ])),
            "preferences": .list(.object(["name": .string, "value": .raw])),
            "enrolledcourses": .list(
                .object([
                    "id": .int,
                    "fullname": .string,
                    "shortname": .string,
                ])),
        ]))

    /// A user as `core_user_get_users_by_field` and `core_user_get_users` describe one.
    static let userDescription: WSShape = .object([
        "id": .int,
        "username": .string,
        "firstname": .string,
        "lastname": .string,
        "fullname": .string,
        "email": .string,
        "address": .string,
        "phone1": .string,
        "phone2": .string,
        "department": .string,
        "institution": .string,
        "idnumber": .string,
        "interests": .string,
        "firstaccess": .int,
        "lastaccess": .int,
        "auth": .string,
        "suspended": .bool,
        "confirmed": .bool,
        "lang": .string,
        "calendartype": .string,
        "theme": .string,
        "timezone": .string,
        "mailformat": .int,
        "trackforums": .int,
        "description": .string,
        "descriptionformat": .int,
        "city": .string,
        "country": .string,
        "profileimageurlsmall": .string,
        "profileimageurl": .string,
        "customfields": .list(
            .object([
                "type": .string,
                "value": .string,
                "displayvalue": .string,
                "name": .string,
                "shortname": .string,
            ])),
        "preferences": .list(.object(["name": .string, "value": .raw])),
    ])

    /// `core_user_get_users_by_field`.
    static let usersByField: WSShape = .list(
        userDescription)

    /// `core_user_get_users`.
    static let users: WSShape = .object([
        "users": .list(
            userDescription),
        "warnings": .warnings,
    ])

    /// `core_cohort_get_cohorts`.
    static let cohorts: WSShape = .list(
        .object([
            "id": .int,
            "name": .string,
            "idnumber": .string,
            "description": .string,
            "descriptionformat": .int,
            "visible": .bool,
            "theme": .string,
            "customfields": .list(.string),
        ]))

    /// `core_cohort_get_cohort_members`.
    static let cohortMembers: WSShape = .list(
        .object([
            "cohortid": .int,
            "userids": .list(.int),
        ]))
}
