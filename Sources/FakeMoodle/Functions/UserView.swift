/// User structures as `user_get_user_details` prints them: empty values are left out.
enum UserView {
    /// Fields shared by the enrolled-users and user look-up structures.
    static func common(_ user: User, _ scenario: Scenario) -> [String: WSValue] {
        var entry: [String: WSValue] = [
            "id": .int(user.id), "username": .string(user.username), "firstname": .string(user.firstname),
            "lastname": .string(user.lastname), "fullname": .string(user.fullname), "email": .string(user.email),
            "department": .string(user.department), "firstaccess": 0, "lastaccess": 0, "country": .string(user.country),
            "profileimageurlsmall": .string(scenario.site.url + "/theme/image.php/boost/core/1/u/f2"),
            "profileimageurl": .string(scenario.site.url + "/theme/image.php/boost/core/1/u/f1"),
        ]
        for (key, value) in [
            ("institution", user.institution), ("idnumber", user.idnumber),
            ("city", user.city),
        ] where !value.isEmpty {
            entry[key] = .string(value)
        }
        if user.country.isEmpty { entry["country"] = nil }
        return entry
    }

    /// Profile fields with a value, in definition order; `nil` when there are none.
    static func profileFields(_ user: User, _ scenario: Scenario, withDisplayValue: Bool) -> WSValue? {
        let fields: [WSValue] = scenario.profileFields.compactMap { definition in
            guard let value = user.profile[definition.shortname], !value.isEmpty else { return nil }
            var field: [String: WSValue] = [
                "type": .string(definition.kind.rawValue), "value": .string(value),
                "name": .string(definition.name), "shortname": .string(definition.shortname),
            ]
            if withDisplayValue { field["displayvalue"] = .string(value) }
            return .object(field)
        }
        return fields.isEmpty || user.deleted ? nil : .list(fields)
    }

    /// The `core_user_get_users*` structure (caller holds `moodle/user:update`).
    static func full(_ user: User, _ scenario: Scenario, callerID: Int) -> WSValue {
        var entry = common(user, scenario)
        entry["auth"] = .string(user.auth)
        entry["suspended"] = .bool(user.suspended)
        entry["confirmed"] = true
        entry["lang"] = .string(scenario.site.lang)
        entry["theme"] = ""
        entry["timezone"] = "99"
        entry["mailformat"] = 1
        entry["trackforums"] = 0
        if let fields = profileFields(user, scenario, withDisplayValue: true) { entry["customfields"] = fields }
        if user.id == callerID {
            // Moodle shows a caller their own preferences.
            entry["preferences"] = [
                ["name": "last_time_enrolments_synced", "value": .string(String(scenario.site.now))],
                ["name": "login_failed_count_since_success", "value": "1"],
                ["name": "_lastloaded", "value": .int(scenario.site.now)],
            ]
        }
        return .object(entry)
    }

    /// Role ids of Moodle's standard roles.
    static func roleID(_ shortname: String) -> Int {
        switch shortname {
        case "manager": 1
        case "coursecreator": 2
        case "editingteacher": 3
        case "teacher": 4
        default: 5
        }
    }
}
