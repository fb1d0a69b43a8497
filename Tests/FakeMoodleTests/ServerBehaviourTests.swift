import Foundation
import Testing

@testable import FakeMoodle

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Server behaviour")
struct ServerBehaviourTests {
    let token = Scenario.serviceToken

    @Test("enrolled users page by limitfrom/limitnumber in user-id order, with no total")
    func paging() async throws {
        let scenario = Scenario.generate(seed: 7, users: 400, courses: 5, completionRate: 0.3)
        try await withServer(scenario) { _, base in
            let all = try await HTTP.call(base, "core_enrol_get_enrolled_users", token: token, [("courseid", "2")])
                .node()
            var paged: [String] = []
            var from = 0
            while true {
                let page = try await HTTP.call(
                    base, "core_enrol_get_enrolled_users", token: token,
                    [
                        ("courseid", "2"), ("options[0][name]", "limitfrom"), ("options[0][value]", String(from)),
                        ("options[1][name]", "limitnumber"), ("options[1][value]", "50"),
                        ("options[2][name]", "userfields"), ("options[2][value]", "id,idnumber"),
                    ]
                ).node()
                paged += page.items.compactMap { $0["id"]?.text }
                if page.items.count < 50 { break }
                from += 50
            }
            let ids = all.items.compactMap { $0["id"]?.text }
            #expect(ids.count > 100)
            #expect(paged == ids)
            #expect(ids.compactMap(Int.init) == ids.compactMap(Int.init).sorted())
            #expect(Set(all.items.first.map { $0.itemsKeys } ?? []).isSuperset(of: ["id", "fullname", "email"]))
            let past = try await HTTP.call(
                base, "core_enrol_get_enrolled_users", token: token,
                [("courseid", "2"), ("options[0][name]", "limitfrom"), ("options[0][value]", "100000")])
            #expect(past.text == "[]")
        }
    }

    @Test("onlyactive drops suspended and expired enrolments but keeps suspended accounts")
    func onlyActive() async throws {
        var scenario = Scenario.small()
        scenario.users[3].suspended = true  // learner2, active enrolment in course 2
        scenario.enrolments[0].status = .suspended  // learner1 in course 2
        try await withServer(scenario) { _, base in
            let all = try await HTTP.call(base, "core_enrol_get_enrolled_users", token: token, [("courseid", "2")])
                .node()
            let active = try await HTTP.call(
                base, "core_enrol_get_enrolled_users", token: token,
                [("courseid", "2"), ("options[0][name]", "onlyactive"), ("options[0][value]", "1")]
            ).node()
            #expect(all.items.compactMap { $0["id"]?.text } == ["4", "5"])
            #expect(active.items.compactMap { $0["id"]?.text } == ["5"])
            #expect(all.items.allSatisfy { $0["suspended"] == nil && $0["status"] == nil })
        }
    }

    @Test("an expired token answers accessexception once, then invalidtoken, in JSON and XML")
    func expiredToken() async throws {
        var scenario = Scenario.small()
        scenario.tokens.append(Token(value: "old", userID: 3, service: "credit_bridge", state: .expired))
        try await withServer(scenario) { _, base in
            let first = try await HTTP.call(base, "core_webservice_get_site_info", token: "old")
            let second = try await HTTP.call(base, "core_webservice_get_site_info", token: "old")
            let third = try await HTTP.call(base, "core_webservice_get_site_info", token: "old", json: false)
            #expect(first.status == 200)
            #expect(
                first.text
                    == #"{"exception":"webservice_access_exception","errorcode":"accessexception","message":"Access control exception"}"#
            )
            #expect(second.errorCode == "invalidtoken")
            #expect(third.text.contains("<ERRORCODE>invalidtoken</ERRORCODE>"))
            #expect(third.contentType == "application/xml; charset=utf-8")
        }
    }

    @Test("access errors: revoked token, function outside the service, unknown function, WS off")
    func accessErrors() async throws {
        try await withServer { server, base in
            let unknown = try await HTTP.call(base, "core_no_such_function", token: token)
            #expect(unknown.errorCode == "invalidrecordunknown")
            server.removeFunction("core_course_get_courses", fromService: "credit_bridge")
            #expect(try await HTTP.call(base, "core_course_get_courses", token: token).errorCode == "accessexception")
            let badBool = try await HTTP.call(
                base, "core_enrol_get_users_courses", token: token, [("userid", "4"), ("returnusercount", "true")])
            #expect(badBool.errorCode == "invalidparameter")
            #expect(
                try await HTTP.call(base, "core_enrol_get_enrolled_users", token: token).errorCode == "invalidparameter"
            )
            server.setWebServicesEnabled(false)
            let off = try await HTTP.call(base, "core_webservice_get_site_info", token: token)
            #expect(off.status == 403 && off.body.isEmpty && off.contentType.hasPrefix("text/html"))
            server.setWebServicesEnabled(true)
            server.revokeToken(token)
            #expect(
                try await HTTP.call(base, "core_webservice_get_site_info", token: token).errorCode == "invalidtoken")
        }
    }

    @Test("completion status needs an active enrolment; the scenario can change while running")
    func mutations() async throws {
        try await withServer { server, base in
            func completed(_ user: Int) async throws -> String? {
                let courses = try await HTTP.call(
                    base, "core_enrol_get_users_courses", token: token,
                    [("userid", String(user)), ("returnusercount", "0")]
                ).node()
                return courses.items.first { $0["id"]?.text == "2" }?["completed"]?.text
            }
            #expect(try await completed(5) == "false")
            server.complete(userID: 5, courseID: 2, at: 1_750_000_000)
            #expect(try await completed(5) == "true")
            let status = try await HTTP.call(
                base, "core_completion_get_course_completion_status", token: token,
                [("courseid", "2"), ("userid", "5")]
            ).node()
            #expect(status["completionstatus"]?["completions"]?.items.first?["timecompleted"]?.text == "1750000000")
            server.revokeCompletion(userID: 5, courseID: 2)
            #expect(try await completed(5) == "false")
            server.setEnrolmentStatus(userID: 5, courseID: 2, to: .suspended)
            #expect(try await completed(5) == nil)
            let notEnrolled = try await HTTP.call(
                base, "core_completion_get_course_completion_status", token: token,
                [("courseid", "2"), ("userid", "5")])
            #expect(notEnrolled.errorCode == "usernotenroled")
        }
    }

    @Test("report builder pages, perpage=0, past-the-end pages, and per-user filters")
    func reportBuilder() async throws {
        let scenario = Scenario.generate(seed: 3, users: 200, courses: 6, completionRate: 0.5)
        try await withServer(scenario) { _, base in
            func retrieve(_ page: Int, _ perPage: Int?) async throws -> Node {
                var args = [("reportid", "1"), ("page", String(page))]
                if let perPage { args.append(("perpage", String(perPage))) }
                return try await HTTP.call(base, "core_reportbuilder_retrieve_report", token: token, args).node()
            }
            let all = try await retrieve(0, 0)
            let total = Int(all["data"]?["totalrowcount"]?.text ?? "") ?? -1
            let deleted = Set(scenario.users.filter(\.deleted).map(\.id))
            let visible = scenario.completions.filter { !deleted.contains($0.userID) }
            #expect(total == visible.count, "deleted users' completions are not in the report")
            #expect(all["data"]?["rows"]?.items.count == total)
            #expect(try await retrieve(0, nil)["data"]?["rows"]?.items.count == 10)
            let past = try await retrieve(1_000, 10)
            #expect(past["data"]?["rows"]?.items.isEmpty == true && past["data"]?["totalrowcount"]?.text == "0")
            let cell = all["data"]?["rows"]?.items.first?["columns"]?.items.last?.text ?? ""
            #expect(
                cell.range(
                    of: #"^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2} (AM|PM)$"#,
                    options: .regularExpression) != nil)

            let from = visible.map(\.timeCompleted).sorted()[total / 2]
            let values =
                #"{"completion:timecompleted_operator":3,"completion:timecompleted_from":\#(from),"completion:timecompleted_to":0}"#
            let set = try await HTTP.call(
                base, "core_reportbuilder_set_filters", token: token, [("reportid", "1"), ("values", values)])
            #expect(set.text == "true")
            let filtered = Int(try await retrieve(0, 0)["data"]?["totalrowcount"]?.text ?? "") ?? -1
            #expect(filtered == visible.filter { $0.timeCompleted >= from }.count)
            let reset = try await HTTP.call(
                base, "core_reportbuilder_filters_reset", token: token, json: false, [("reportid", "1")])
            #expect(
                reset.text == "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n<VALUE>1</VALUE>\n</RESPONSE>\n"
            )
            #expect(try await retrieve(0, 0)["data"]?["totalrowcount"]?.text == String(total))
        }
    }

    @Test("a user with two enrolment methods in a course gives two report rows")
    func duplicateRows() async throws {
        var scenario = Scenario.small()
        scenario.enrolments.append(Enrolment(userID: 4, courseID: 2, method: .self, timeStart: 1_735_689_600))
        try await withServer(scenario) { _, base in
            let report = try await HTTP.call(
                base, "core_reportbuilder_retrieve_report", token: token, [("reportid", "1"), ("perpage", "0")]
            ).node()
            let plugins = report["data"]?["rows"]?.items.compactMap { $0["columns"]?.items[7].text }
            #expect(plugins == ["Manual enrolments", "Self enrolment"])
        }
    }

    @Test("batched calls run in order and stop at the first error")
    func batching() async throws {
        try await withServer { server, base in
            let reply = try await HTTP.call(
                base, "tool_mobile_call_external_functions", token: token,
                [
                    ("requests[0][function]", "core_enrol_get_users_courses"),
                    ("requests[0][arguments]", #"{"userid":4,"returnusercount":false}"#),
                    ("requests[1][function]", "core_completion_get_course_completion_status"),
                    ("requests[1][arguments]", #"{"courseid":3,"userid":5}"#),
                    ("requests[2][function]", "core_webservice_get_site_info"),
                ]
            ).node()
            let responses = reply["responses"]?.items ?? []
            #expect(responses.count == 2)
            #expect(responses.first?["error"] == .bool(false))
            let data = try Node.json(Data((responses.first?["data"]?.text ?? "").utf8))
            #expect(data.items.count == 2)
            #expect(responses.last?["error"] == .bool(true))
            let exception = try Node.json(Data((responses.last?["exception"]?.text ?? "").utf8))
            #expect(exception["errorcode"]?.text == "usernotenroled")
            #expect(server.requestCount(for: "tool_mobile_call_external_functions") == 1)
        }
    }

    @Test("login/token.php returns the existing token and Moodle's AJAX errors")
    func login() async throws {
        try await withServer { _, base in
            let ok = try await HTTP.send(
                base, path: "/login/token.php",
                fields: [("username", "WS_bridge "), ("password", "secret"), ("service", "credit_bridge")])
            #expect(ok.text == #"{"token":"fake-token","privatetoken":null}"#)
            let wrong = try await HTTP.send(
                base, path: "/login/token.php",
                fields: [("username", "ws_bridge"), ("password", "x"), ("service", "credit_bridge")])
            #expect(
                wrong.text
                    == #"{"error":"Invalid login, please try again","errorcode":"invalidlogin","stacktrace":null,"debuginfo":null,"reproductionlink":null}"#
            )
            let missing = try await HTTP.send(
                base, path: "/login/token.php", fields: [("username", "ws_bridge"), ("password", "secret")])
            #expect(missing.errorCode == "missingparam")
        }
    }

    @Test("GET works, and POST values win over the query string")
    func getAndPost() async throws {
        try await withServer { _, base in
            let get = try await HTTP.send(
                base, path: "/webservice/rest/server.php", method: "GET",
                fields: [
                    ("wstoken", token), ("wsfunction", "core_webservice_get_site_info"), ("moodlewsrestformat", "json"),
                ])
            #expect(get.status == 200 && get.contentType == "application/json")
            #expect(try get.node()["username"]?.text == "ws_bridge")
            var url = URLComponents(
                url: base.appendingPathComponent("webservice/rest/server.php"), resolvingAgainstBaseURL: false)!
            url.queryItems = [.init(name: "wsfunction", value: "core_course_get_categories")]
            var request = URLRequest(url: url.url!)
            request.httpMethod = "POST"
            request.httpBody = Data(
                HTTP.encode([
                    ("wstoken", token), ("wsfunction", "core_webservice_get_site_info"), ("moodlewsrestformat", "json"),
                ]).utf8)
            let (data, _) = try await HTTP.session.data(for: request)
            #expect(try Node.json(data)["sitename"] != nil)
        }
    }
}

extension Node {
    var itemsKeys: [String] { if case .object(let pairs) = self { pairs.map(\.key) } else { [] } }
}
