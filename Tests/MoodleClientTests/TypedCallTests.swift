import Testing

@testable import MoodleClient

@Suite("Typed calls against the Moodle 5.1 captures")
struct TypedCallTests {
    static func site(_ names: [String], format: MoodleResponseFormat = .json) throws -> (MoodleSite, StubTransport) {
        let transport = TestSites.replayingAll(try names.map(Fixtures.capture))
        return (TestSites.site(transport, format: format), transport)
    }

    @Test("site info: version, user, functions, features", arguments: MoodleResponseFormat.allCases)
    func siteInfo(format: MoodleResponseFormat) async throws {
        let (site, _) = try Self.site(["core_webservice_get_site_info/default"], format: format)
        let info = try await site.siteInfo()
        #expect(info.version == "2025100600.02")
        #expect(info.versionNumber == 2025100600.02)
        #expect(info.release == "5.1+ (Build: 20251017)")
        #expect(info.username == "ws_bridge")
        #expect(info.userID == 3)
        #expect(info.functions.count == 25)
        #expect(info.supports(MoodleFunction.retrieveReport))
        #expect(info.advancedFeature("enablecompletion") == 1)
        #expect(info.userIsSiteAdmin == false)
    }

    @Test("courses by field: custom fields, hidden course, site course", arguments: MoodleResponseFormat.allCases)
    func coursesByField(format: MoodleResponseFormat) async throws {
        let (site, _) = try Self.site(["core_course_get_courses_by_field/all"], format: format)
        let result = try await site.courses(by: .all)
        #expect(result.courses.count == 23)
        let ict = try #require(result.courses.first { $0.id == 2 })
        #expect(ict.customField("hours")?.valueRaw == "36")
        #expect(ict.customField("program")?.valueRaw == "ПК-72 ИКТ")
        #expect(result.courses.first { $0.id == 1 }?.customField("hours")?.valueRaw == nil)
        #expect(result.courses.first { $0.id == 21 }?.visible == false)
        #expect(result.courses.first { $0.id == 23 }?.enableCompletion == false)
    }

    @Test("enrolled users are paged until a short page", arguments: MoodleResponseFormat.allCases)
    func enrolledUserPaging(format: MoodleResponseFormat) async throws {
        let (site, transport) = try Self.site(
            [0, 50, 100, 150, 200].map { "core_enrol_get_enrolled_users/course2_page_limitfrom\($0)" }, format: format)
        var sizes: [Int] = []
        for try await page in site.enrolledUserPages(courseID: 2, pageSize: 50) { sizes.append(page.count) }
        #expect(sizes == [50, 50, 50, 17])
        #expect(transport.requests.count == 4)
        let all = try await site.allEnrolledUsers(courseID: 2, pageSize: 50)
        #expect(all.count == 167)
        #expect(Set(all.map(\.id)).count == 167)
        let first = try #require(all.first)
        #expect(first.username == "smirnova.gm001")
        #expect(first.roles.map(\.shortName) == ["student"])
    }

    @Test("paging stops on an empty page when the total is a multiple of the page size")
    func emptyPageStops() async throws {
        let transport = StubTransport { request, index in
            let body =
                index < 2
                ? "[" + (0..<10).map { #"{"id":\#(index * 10 + $0),"fullname":"x"}"# }.joined(separator: ",") + "]"
                : "[]"
            return MoodleHTTPResponse(status: 200, body: Array(body.utf8))
        }
        let site = TestSites.site(transport)
        let users = try await site.allEnrolledUsers(
            courseID: 9, pageSize: 10, options: MoodleEnrolledUsersOptions(userFields: ["id"]))
        #expect(users.count == 20)
        #expect(transport.requests.count == 3)
        #expect(transport.requests.last?.argument("options[1][name]") == "limitfrom")
        #expect(transport.requests.last?.argument("options[1][value]") == "20")
    }

    @Test("completion status and users' courses", arguments: MoodleResponseFormat.allCases)
    func completion(format: MoodleResponseFormat) async throws {
        let (site, _) = try Self.site(
            [
                "core_completion_get_course_completion_status/course2_user4", "core_enrol_get_users_courses/user4",
                "core_completion_get_activities_completion_status/course2_user4",
            ], format: format)
        let status = try await site.courseCompletionStatus(courseID: 2, userID: 4)
        #expect(status.completed)
        #expect(status.aggregation == 1)
        #expect(status.latestCriterionTimeCompleted == 1740836499)
        #expect(status.completions.first?.details?.criteria?.contains("Итоговая работа") == true)
        let courses = try await site.usersCourses(userID: 4)
        #expect(courses.map(\.id) == [6, 4, 2])
        #expect(courses.allSatisfy { $0.completed == true && $0.progress == 100 })
        #expect(courses.first?.enrolledUserCount == nil)
        let activities = try await site.activitiesCompletionStatus(courseID: 2, userID: 4)
        #expect(!activities.statuses.isEmpty)
    }

    @Test("users by field carry profile fields", arguments: MoodleResponseFormat.allCases)
    func usersByField(format: MoodleResponseFormat) async throws {
        let (site, _) = try Self.site(["core_user_get_users_by_field/id_multi"], format: format)
        let users = try await site.users(ids: [4, 5, 13, 14, 244])
        #expect(users.first { $0.id == 4 }?.customField("snils")?.value == "155-972-418 99")
        #expect(users.first { $0.id == 13 }?.suspended == true)
    }

    @Test("report rows are read page by page until a short page", arguments: MoodleResponseFormat.allCases)
    func reportRows(format: MoodleResponseFormat) async throws {
        let (site, transport) = try Self.site(
            (0...8).map { "core_reportbuilder_retrieve_report/report1_page\($0)_perpage50" }, format: format)
        let report = try await site.allReportRows(reportID: 1, perPage: 50)
        #expect(report.totalRowCount == 394)
        #expect(report.rows.count == 394)
        #expect(report.pagesRead == 8)
        #expect(transport.requests.count == 8)
        #expect(report.headers.count == 12)
        #expect(report.rows.first?.last == "Saturday, 1 March 2025, 4:41 PM")
    }

    @Test("report filters: set a date range, reset", arguments: MoodleResponseFormat.allCases)
    func reportFilters(format: MoodleResponseFormat) async throws {
        let (site, transport) = try Self.site(
            ["core_reportbuilder_set_filters/from_2026_11_01_open_ended", "core_reportbuilder_filters_reset/report1"],
            format: format)
        let capture = try Fixtures.capture("core_reportbuilder_set_filters/from_2026_11_01_open_ended")
        let values = try #require(capture.argumentFields.first { $0.name == "values" }?.value)
        #expect(try await site.setReportFilters(reportID: 1, valuesJSON: values))
        #expect(try await site.resetReportFilters(reportID: 1))
        #expect(transport.requests.count == 2)
    }

    @Test("typed date-range filter JSON")
    func dateRangeJSON() async throws {
        let transport = StubTransport(body: "true")
        let site = TestSites.site(transport)
        #expect(
            try await site.setReportDateRangeFilter(reportID: 1, filter: "completion:timecompleted", from: 1793491200))
        #expect(
            transport.requests.first?.argument("values")
                == #"{"completion:timecompleted_operator":3,"completion:timecompleted_from":1793491200,"completion:timecompleted_to":0}"#
        )
    }

    @Test("cohorts, members, categories, report list", arguments: MoodleResponseFormat.allCases)
    func misc(format: MoodleResponseFormat) async throws {
        let (site, _) = try Self.site(
            [
                "core_cohort_get_cohorts/all", "core_cohort_get_cohort_members/ids_1_2",
                "core_course_get_categories/all",
                "core_reportbuilder_list_reports/default",
            ], format: format)
        let cohorts = try await site.cohorts()
        #expect(cohorts.map(\.idNumber) == ["MMC-01", "MMC-02", "MMC-03", "MMC-04", "MMC-05"])
        let members = try await site.cohortMembers(cohortIDs: [1, 2])
        #expect(members.map(\.cohortID) == [1, 2])
        let categories = try await site.categories()
        #expect(categories.first { $0.id == 1 }?.idNumber == nil)
        let reports = try await site.listReports()
        #expect(reports.reports.first?.id == 1)
        #expect(reports.reports.first?.sourceName == "Course participants")
    }
}

@Suite("Single-format captures")
struct SingleFormatCaptureTests {
    @Test("XML returned for an unknown or missing moodlewsrestformat decodes like JSON")
    func xmlFallbacks() async throws {
        for name in ["errors/bad_format_param", "errors/no_format_param_default_xml"] {
            let capture = try Fixtures.capture(name)
            let site = TestSites.site(TestSites.replaying(capture), format: .xml)
            let value = try await site.call(capture.function)
            if capture.function == MoodleFunction.getSiteInfo {
                #expect(try MoodleValueDecoder().decode(MoodleSiteInfo.self, from: value).username == "ws_bridge")
            } else {
                let result = try MoodleValueDecoder().decode(MoodleCourseSearchResult.self, from: value)
                #expect(result.courses.map(\.id) == [2])
            }
        }
    }

    @Test("site info fetched with GET decodes like the POST capture")
    func getMethod() async throws {
        let get = try Fixtures.capture("core_webservice_get_site_info/get_method")
        let post = try Fixtures.capture("core_webservice_get_site_info/default")
        let fromGet = try await TestSites.site(TestSites.replaying(get)).siteInfo()
        let fromPost = try await TestSites.site(TestSites.replaying(post)).siteInfo()
        #expect(fromGet.functions == fromPost.functions)
        #expect(fromGet.version == fromPost.version)
    }
}
