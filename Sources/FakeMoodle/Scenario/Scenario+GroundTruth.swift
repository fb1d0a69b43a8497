import Foundation

extension Scenario {
    /// Token values of the ground-truth scenario by capture placeholder name (`{{ws_bridge}}` → `ws_bridge`).
    ///
    /// `bad` is deliberately not a token of the scenario.
    public static let groundTruthTokens: [String: String] = [
        "ws_bridge": "0000000000000000000000000000ws01", "admin": "0000000000000000000000000000ad01",
        "probe": "0000000000000000000000000000pr01", "expired": "0000000000000000000000000000ex01",
        "iprestricted": "0000000000000000000000000000ip01", "suspendeduser": "0000000000000000000000000000su01",
        "bad": "ffffffffffffffffffffffffffffffff",
    ]

    /// Password of every account in the ground-truth scenario (the captures redact it as `{{password}}`).
    public static let groundTruthPassword = "Pa55-word"

    /// Rebuilds the captured Moodle 5.1 site from its answer key.
    ///
    /// Courses, users, enrolments, completions and cohort memberships come from the answer key;
    /// site settings, categories, cohort names, course dates and `program` values, which it does not
    /// hold, come from the captures. Tokens are ``groundTruthTokens``; the site's clock is frozen at
    /// the key's `generated_at`. Values the site had but neither source records (institution, city,
    /// the `position` profile field) are filled with plausible stand-ins.
    ///
    /// - Parameter url: Path of `ground-truth.json`.
    /// - Throws: A file or decoding error.
    public static func fromGroundTruth(at url: URL) throws -> Scenario {
        let key = try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: url))
        let now = ISO8601DateFormatter().date(from: key.generated_at).map { Int($0.timeIntervalSince1970) }
        var site = GroundTruthSupplement.site
        site.currentTime = now
        var scenario = Scenario(site: site, categories: GroundTruthSupplement.categories)

        let bridgeFunctions =
            FunctionCatalog.knownUnimplemented.filter {
                !$0.hasPrefix("core_user_create") && !$0.hasPrefix("core_user_update")
                    && $0 != "core_reportbuilder_view_report" && $0 != "core_completion_mark_course_self_completed"
            } + FunctionCatalog.implementedNames
        scenario.services = [
            Service(
                shortname: "credit_bridge", name: "Credit hours bridge", functions: bridgeFunctions.sorted(),
                authorisedUserIDs: [3, 2]),
            Service(shortname: "minimal_probe", name: "Minimal probe", functions: ["core_webservice_get_site_info"]),
        ]
        let tokens = groundTruthTokens
        scenario.tokens = [
            Token(value: tokens["ws_bridge"]!, userID: 3, service: "credit_bridge"),
            Token(value: tokens["admin"]!, userID: 2, service: "credit_bridge"),
            Token(value: tokens["probe"]!, userID: 3, service: "minimal_probe"),
            Token(value: tokens["expired"]!, userID: 3, service: "credit_bridge", state: .expired),
            Token(value: tokens["iprestricted"]!, userID: 3, service: "credit_bridge", state: .ipRestricted),
            Token(value: tokens["suspendeduser"]!, userID: 13, service: "credit_bridge"),
        ]

        scenario.courses = key.courses.map { course in
            let extras = GroundTruthSupplement.courseExtras[course.id] ?? (1_735_689_600, 0, "")
            var fields: [String: String] = [:]
            if let hours = course.hours { fields["hours"] = WSValue.phpNumber(hours) }
            if !extras.2.isEmpty { fields["program"] = extras.2 }
            let module: CompletionCriterion.Module =
                GroundTruthSupplement.assignmentCourses.contains(course.id) ? .assign : .page
            let criteria: [CompletionCriterion] =
                switch course.criteria {
                case "self": [.selfCompletion]
                case "role": [.role(name: "Teacher")]
                case "activity+self": [.activity(module: module), .selfCompletion]
                case "none": []
                default: [.activity(module: module)]
                }
            return Course(
                id: course.id, shortname: course.shortname, idnumber: course.idnumber, fullname: course.fullname,
                categoryID: course.categoryid, visible: course.visible != 0,
                enableCompletion: course.enablecompletion != 0,
                startDate: extras.0, endDate: extras.1, customFields: fields, criteria: criteria,
                timeCreated: 1_795_409_177,
                enrolmentMethods: GroundTruthSupplement.selfEnrolmentCourses.contains(course.id)
                    ? [.manual, .self] : [.manual])
        }

        let password = groundTruthPassword
        scenario.users = [
            User(
                id: 1, username: "guest", email: "root@localhost", firstname: "Guest user", lastname: " ", country: ""),
            User(
                id: 2, username: "admin", email: "admin@ripk.example.org", firstname: "Admin", lastname: "User",
                country: "",
                password: password),
            User(
                id: 3, username: "ws_bridge", idnumber: "SVC-BRIDGE", email: "ws-bridge@ripk.example.org",
                firstname: "Credit",
                lastname: "Bridge", password: password),
        ]
        var members: [String: [Int]] = [:]
        for user in key.users {
            let isLearner = user.kind == "learner"
            var profile: [String: String] = [:]
            if let snils = user.snils { profile["snils"] = snils }
            if isLearner && user.deleted == 0 { profile["position"] = "учитель" }
            let school = user.email.split(separator: "@").last?.split(separator: ".").first.map(String.init) ?? ""
            let schoolNumber = school.hasPrefix("school") ? String(school.dropFirst(6)) : "1"
            scenario.users.append(
                User(
                    id: user.id, username: user.username, idnumber: user.idnumber, email: user.email,
                    firstname: user.firstname, lastname: user.lastname,
                    department: isLearner
                        ? (user.cohort.map { "ММЦ" + $0.dropFirst(3) } ?? GroundTruthSupplement.deletedDepartments[
                            user.id] ?? "")
                        : "Кафедра ИКТ",
                    institution: isLearner ? "МБОУ «СОШ №\(schoolNumber)»" : "",
                    city: isLearner ? GroundTruthSupplement.cities[user.id % GroundTruthSupplement.cities.count] : "",
                    suspended: user.suspended != 0, deleted: user.deleted != 0, profile: profile, password: password))
            if let cohort = user.cohort { members[cohort, default: []].append(user.id) }
            for enrolment in user.enrolments {
                scenario.enrolments.append(
                    Enrolment(
                        userID: user.id, courseID: enrolment.courseid,
                        method: Enrolment.Method(rawValue: enrolment.method) ?? .manual,
                        status: enrolment.status == 0 ? .active : .suspended, timeStart: enrolment.timestart,
                        timeEnd: enrolment.timeend,
                        role: enrolment.roles,
                        timeCreated: enrolment.method == "cohort" ? GroundTruthSupplement.cohortSyncTime : nil))
            }
            for completion in user.completions {
                scenario.completions.append(
                    Completion(userID: user.id, courseID: completion.courseid, timeCompleted: completion.timecompleted))
            }
        }
        scenario.cohorts = GroundTruthSupplement.cohortNames.sorted { $0.value.0 < $1.value.0 }.map { idnumber, info in
            Cohort(
                id: info.0, name: info.1, idnumber: idnumber, description: info.2, memberIDs: members[idnumber] ?? [])
        }
        scenario.reports = [
            Report(id: 1, name: "Зачтённые часы (завершения курсов)", timeCreated: 1_795_409_270, audienceUserIDs: [3])
        ]
        return scenario
    }
}
