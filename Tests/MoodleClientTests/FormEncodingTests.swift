import Foundation
import Testing

@testable import MoodleClient

@Suite("Form encoding in PHP bracket syntax")
struct FormEncodingTests {
    @Test("nested lists and structures use explicit indexes")
    func bracketSyntax() {
        let arguments: MoodleArguments = [
            "courseid": 2,
            "options": .options([(name: "limitfrom", value: "0"), (name: "limitnumber", value: "50")]),
            "criteria": [.fields(["key": "idnumber", "value": "T-123"])],
            "users": [.fields(["customfields": [.fields(["type": "ccehours", "value": 48])]])],
            "flag": true,
        ]
        let fields = arguments.formFields.map { "\($0.name)=\($0.value)" }
        #expect(
            fields == [
                "courseid=2",
                "options[0][name]=limitfrom", "options[0][value]=0",
                "options[1][name]=limitnumber", "options[1][value]=50",
                "criteria[0][key]=idnumber", "criteria[0][value]=T-123",
                "users[0][customfields][0][type]=ccehours", "users[0][customfields][0][value]=48",
                "flag=1",
            ])
    }

    @Test("percent-encoding of Cyrillic, &, =, +, space and brackets")
    func percentEncoding() {
        let encoded = FormURLEncoder.encode([
            (name: "criteria[0][value]", value: "Иванова%"), (name: "q", value: "a&b=c+d e"),
        ])
        #expect(
            encoded == "criteria%5B0%5D%5Bvalue%5D=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0%25"
                + "&q=a%26b%3Dc%2Bd%20e")
        #expect(FormURLEncoder.unescape("a%26b%3Dc%2Bd+e%20%D0%98") == "a&b=c+d e И")
    }

    @Test("every capture's form fields survive encoding and decoding", arguments: try Fixtures.allCaptures())
    func roundTrip(capture: Capture) {
        let body = FormURLEncoder.encode(capture.formFields)
        let decoded =
            body.isEmpty
            ? []
            : body.split(separator: "&").map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (FormURLEncoder.unescape(String(parts[0])), FormURLEncoder.unescape(String(parts[1])))
            }
        #expect(decoded.elementsEqual(capture.formFields) { $0.0 == $1.name && $0.1 == $1.value })
    }

    @Test("the client sends json format, function and token in the body, never in the URL")
    func requestShape() async throws {
        let transport = StubTransport(body: "[]")
        let site = TestSites.site(transport)
        _ = try await site.courses(ids: [2, 21])
        let request = try #require(transport.requests.first)
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://moodle.example.org/webservice/rest/server.php")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(
            body.hasPrefix("wstoken=\(TestSites.token)&wsfunction=core_course_get_courses&moodlewsrestformat=json&"))
        #expect(!request.url.absoluteString.contains(TestSites.token))
        #expect(!request.description.contains(TestSites.token))
        #expect(!request.debugDescription.contains(TestSites.token))
    }

    @Test("XML format omits moodlewsrestformat")
    func xmlOmitsFormat() async throws {
        let transport = StubTransport(body: "<?xml version=\"1.0\" ?><RESPONSE><MULTIPLE></MULTIPLE></RESPONSE>")
        let site = TestSites.site(transport, format: .xml)
        #expect(try await site.cohorts().isEmpty)
        #expect(try #require(transport.requests.first).argument("moodlewsrestformat") == nil)
    }

    /// Typed calls must produce exactly the recorded form fields (names, values and order).
    @Test(
        "typed calls send the captured form fields",
        arguments: [
            "core_enrol_get_enrolled_users/course2_page_limitfrom50",
            "core_enrol_get_enrolled_users/course2_userfields_paged",
            "core_enrol_get_enrolled_users/course2_onlyactive",
            "core_enrol_get_enrolled_users/course19_cohort_self",
            "core_course_get_categories/by_idnumber_with_subcats",
            "core_course_get_courses/by_ids",
            "core_course_get_courses_by_field/ids",
            "core_user_get_users_by_field/id_multi",
            "core_user_get_users/lastname_wildcard",
            "core_cohort_get_cohorts/ids",
            "core_cohort_get_cohort_members/ids_1_2",
            "core_enrol_get_users_courses/user4",
            "core_completion_get_course_completion_status/course2_user4",
            "core_completion_get_activities_completion_status/course2_user4",
            "core_reportbuilder_retrieve_report/report1_page1_perpage50",
            "core_reportbuilder_set_filters/range_2025q3",
            "core_reportbuilder_filters_reset/report1",
            "core_webservice_get_site_info/default",
        ])
    func typedCallFields(name: String) async throws {
        let capture = try Fixtures.capture(name)
        let transport = TestSites.replaying(capture)
        let site = TestSites.site(transport)
        try await TypedCallTable.invoke(capture, on: site)
        let request = try #require(transport.requests.first)
        let sent = request.arguments.filter { !["wsfunction", "moodlewsrestformat"].contains($0.name) }
        #expect(request.wsFunction == capture.function)
        #expect(sent.map { "\($0.name)=\($0.value)" } == capture.argumentFields.map { "\($0.name)=\($0.value)" })
    }
}

/// Re-issues a capture's request through the typed API.
enum TypedCallTable {
    static func invoke(_ capture: Capture, on site: MoodleSite) async throws {
        let fields = Dictionary(
            capture.argumentFields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        func int(_ name: String) -> Int { Int(fields[name] ?? "") ?? 0 }
        func list(_ prefix: String) -> [String] {
            capture.argumentFields.filter { $0.name.hasPrefix(prefix + "[") }.map(\.value)
        }
        switch capture.function {
        case MoodleFunction.getEnrolledUsers:
            var options = MoodleEnrolledUsersOptions()
            var index = 0
            while let name = fields["options[\(index)][name]"], let value = fields["options[\(index)][value]"] {
                switch name {
                case "userfields": options.userFields = value.split(separator: ",").map(String.init)
                case "onlyactive": options.onlyActive = value == "1"
                case "limitfrom": options.limitFrom = Int(value)
                case "limitnumber": options.limitNumber = Int(value)
                case "withcapability": options.withCapability = value
                default: break
                }
                index += 1
            }
            _ = try await site.enrolledUsers(courseID: int("courseid"), options: options)
        case MoodleFunction.getCategories:
            _ = try await site.categories(
                criteria: [(key: fields["criteria[0][key]"] ?? "", value: fields["criteria[0][value]"] ?? "")],
                addSubcategories: fields["addsubcategories"] == "1")
        case MoodleFunction.getCourses:
            _ = try await site.courses(ids: list("options[ids]").compactMap { Int($0) })
        case MoodleFunction.getCoursesByField:
            _ = try await site.courses(
                by: MoodleCourseField(rawValue: fields["field"] ?? "") ?? .all, value: fields["value"] ?? "")
        case MoodleFunction.getUsersByField:
            _ = try await site.users(
                by: MoodleUserField(rawValue: fields["field"] ?? "") ?? .id, values: list("values"))
        case MoodleFunction.getUsers:
            _ = try await site.users(matching: [
                (key: fields["criteria[0][key]"] ?? "", value: fields["criteria[0][value]"] ?? "")
            ])
        case MoodleFunction.getCohorts:
            _ = try await site.cohorts(ids: list("cohortids").compactMap { Int($0) })
        case MoodleFunction.getCohortMembers:
            _ = try await site.cohortMembers(cohortIDs: list("cohortids").compactMap { Int($0) })
        case MoodleFunction.getUsersCourses:
            _ = try await site.usersCourses(userID: int("userid"), returnUserCount: fields["returnusercount"] == "1")
        case MoodleFunction.getCourseCompletionStatus:
            _ = try await site.courseCompletionStatus(courseID: int("courseid"), userID: int("userid"))
        case MoodleFunction.getActivitiesCompletionStatus:
            _ = try await site.activitiesCompletionStatus(courseID: int("courseid"), userID: int("userid"))
        case MoodleFunction.retrieveReport:
            _ = try await site.retrieveReport(reportID: int("reportid"), page: int("page"), perPage: int("perpage"))
        case MoodleFunction.setReportFilters:
            _ = try await site.setReportFilters(reportID: int("reportid"), valuesJSON: fields["values"] ?? "")
        case MoodleFunction.resetReportFilters:
            _ = try await site.resetReportFilters(reportID: int("reportid"))
        case MoodleFunction.getSiteInfo:
            _ = try await site.siteInfo()
        default:
            throw FixtureError(text: "no typed call for \(capture.function)")
        }
    }
}
