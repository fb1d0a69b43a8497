import BridgeConfig
import CreditCore
import Testing

/// Every problem in the mapping files is reported at once, each with its file, line and key.
@Suite("Mapping diagnostics")
struct MappingDiagnosticsTests {
    func check(_ files: [String: String]) -> [String] {
        let result = MappingLoader().load(
            files: files.sorted { $0.key < $1.key }.map { MappingLoader.File(name: $0.key, text: $0.value) })
        return result.diagnostics.map(\.description)
    }

    let sites = """
        version: 1
        sites:
          - id: ripk
            url: https://moodle.example.ru
            token: { env: MOODLE_TOKEN }
            identity: [idnumber]
        """

    @Test("a broken region lists each error with file:line and key")
    func everyProblemAtOnce() {
        let modules = """
            version: 1
            modules:
              - id: A
                title: Module A
                hours: 36
                form: distance
                courses:
                  - { site: ripk, idnumber: C-1 }
              - id: B
                title: Module B
                hours: 40
                form: distance
                courses:
                  - { site: ripk, idnumber: C-1 }
                  - { site: nowhere, id: 5 }
              - id: A
                title: Module A again
                hours: 12
                form: seminar
              - id: C
                title: Module C
                hours: 12
                form: lecture
            """
        let programs = """
            version: 1
            programs:
              - id: P
                title: Trajectory
                kind: trajectory
                modules: [A, Z]
            """
        #expect(
            check(["sites.yaml": sites, "modules.yaml": modules, "programs.yaml": programs]) == [
                "modules.yaml:9: error: hours: module 'B' has 40 h; a module lasts 2…36 h",
                "modules.yaml:14: error: courses: ripk course idnumber C-1 is mapped twice: to 'A' and to 'B'",
                "modules.yaml:15: error: courses.site: module 'B': unknown site 'nowhere'",
                "modules.yaml:16: error: modules.id: module 'A' is defined twice (first at modules.yaml:3)",
                "modules.yaml:23: error: modules[3].form: unknown form 'lecture'; expected one of: distance, in-person, seminar",
                "programs.yaml:3: error: target_hours: program 'P': its modules add up to 36 h, short of the 72 h target",
                "programs.yaml:6: error: modules: program 'P': unknown module 'Z'",
            ])
    }

    @Test("a token written into the file is refused, and the message does not repeat it")
    func tokenInFile() {
        let secret = "0123456789abcdef0123456789abcdef"
        let diagnostics = check(["sites.yaml": sites.replacingOccurrences(of: "{ env: MOODLE_TOKEN }", with: secret)])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("sites.yaml:5: error: sites[0].token: a token is never written") == true)
        #expect(!diagnostics.joined().contains(secret))
    }

    @Test("a missing token source is named")
    func missingTokenSource() {
        let diagnostics = check(["sites.yaml": sites.replacingOccurrences(of: "{ env: MOODLE_TOKEN }", with: "{ }")])
        #expect(
            diagnostics == [
                "sites.yaml:5: error: sites[0].token: missing token source: give `env: VARIABLE` or `file: /path/to/token`"
            ])
    }

    @Test("a bad SNILS, an unknown centre and a misspelt key")
    func persons() {
        let persons = """
            version: 1
            persons:
              - id: X
                last_name: Иванова
                first_name: Анна
                snils: 112-233-445 96
                centre: MMC-09
                categroy: teacher
            """
        #expect(
            check(["persons.yaml": persons]) == [
                "persons.yaml:3: error: centre: person 'X': unknown centre 'MMC-09'",
                "persons.yaml:6: error: persons[0].snils: bad SNILS '112-233-445 96': the check digits are 96 but the number gives 95: a digit is mistyped",
                "persons.yaml:8: error: persons[0].categroy: unknown key 'categroy' (expected: category, centre, email, first_name, id, idnumber, last_name, middle_name, snils)",
            ])
    }

    @Test("broken YAML is reported with its line")
    func syntaxError() {
        let diagnostics = check(["plan.yaml": "version: 1\nplan:\n  2025-09: {in-person: {teacher: 3}\n  2025-10: x\n"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].hasPrefix("plan.yaml:4: error: not valid YAML"))
    }

    @Test("a missing or unsupported version")
    func version() {
        #expect(check(["a.yaml": "plan: {}\n"]) == ["a.yaml:1: error: version: missing key 'version'"])
        #expect(
            check(["a.yaml": "version: 2\n"]) == [
                "a.yaml:1: error: version: unsupported version 2; this MoodleBridge reads version 1"
            ])
    }

    @Test("duplicate plan lines and negative counts")
    func plan() {
        let first = "version: 1\nplan:\n  2025-09:\n    distance: { teacher: 20 }\n"
        let second =
            "version: 1\nplan:\n  2025-09:\n    distance: { teacher: -1, methodist: 5 }\n  2025-10:\n    online: { teacher: 1 }\n"
        let extra = "version: 1\nplan:\n  2025-09:\n    distance: { teacher: 4 }\n"
        #expect(
            check(["a.yaml": first, "b.yaml": second, "c.yaml": extra]) == [
                "b.yaml:4: error: plan.2025-09.distance.teacher: a planned number of learners cannot be negative",
                "b.yaml:6: error: plan.2025-10.online: unknown form 'online'; expected one of: distance, in-person, seminar",
                "c.yaml:4: error: plan: plan line 2025-09 distance teacher is defined twice (first at a.yaml:4)",
            ])
    }

    func site(url: String = "https://moodle.example.ru", token: String, extra: String = "") -> [String: String] {
        [
            "sites.yaml": """
            version: 1
            sites:
              - id: ripk
                url: \(url)
                token: \(token)
                identity: [idnumber]\(extra)
            """
        ]
    }

    @Test("a token pasted where the variable name belongs is refused, and never repeated")
    func tokenAsVariableName() {
        let token = "0123456789abcdef0123456789abcdef"
        for source in ["{ env: \(token) }", "{ file: \(token) }", "\(token)"] {
            let messages = check(site(token: source))
            #expect(messages.count == 1, "\(source): \(messages)")
            #expect(messages.allSatisfy { $0.hasPrefix("sites.yaml:5: error:") }, "\(messages)")
            #expect(!messages.joined().contains(token), "the token is repeated: \(messages)")
        }
        #expect(check(site(token: "{ env: MOODLE_TOKEN_RIPK }")).isEmpty)
        #expect(check(site(token: "{ file: /etc/moodle-bridge/ripk.token }")).isEmpty)
        #expect(
            check(site(token: "{ env: 'MOODLE TOKEN' }")).first?.contains("must name an environment variable") == true)
    }

    @Test("plain http is refused for a host other than this machine, unless the site says insecure_http")
    func plainHTTP() {
        let token = "{ env: MOODLE_TOKEN }"
        let refused = check(site(url: "http://moodle.example.ru", token: token))
        #expect(refused.count == 1)
        #expect(refused.first?.contains("plain http: the token would cross the network in clear text") == true)
        #expect(check(site(url: "http://127.0.0.1:8080", token: token)).isEmpty)
        #expect(check(site(url: "http://localhost:8080", token: token)).isEmpty)
        #expect(check(site(url: "http://moodle.example.ru", token: token, extra: "\n    insecure_http: true")).isEmpty)
        #expect(check(site(url: "ftp://moodle.example.ru", token: token)).count == 1)
    }

    @Test("request limits below one are refused at the site's entry; the connection is kept by site id")
    func requestLimits() throws {
        let files = site(
            token: "{ env: MOODLE_TOKEN }", extra: "\n    concurrent_requests: 0\n    requests_per_minute: 0")
        #expect(
            check(files) == [
                "sites.yaml:3: error: limits.concurrent_requests: site 'ripk': concurrent_requests must be at least 1",
                "sites.yaml:3: error: limits.requests_per_minute: site 'ripk': requests_per_minute must be at least 1",
            ])
        let result = MappingLoader().load(files: [MappingLoader.File(name: "sites.yaml", text: files["sites.yaml"]!)])
        let connection = try #require(result.configuration.connections["ripk"])
        #expect(connection.baseURL.absoluteString == "https://moodle.example.ru")
        #expect(connection.token == .environment("MOODLE_TOKEN"))
        #expect(connection.maxConcurrentRequests == 0 && connection.requestsPerMinute == 0)
    }

    @Test("a shared token file is allowed only when the site says so")
    func sharedTokenFile() throws {
        let result = MappingLoader().load(files: [
            MappingLoader.File(
                name: "sites.yaml",
                text: site(token: "{ file: /etc/t, readable_by_others: true }")["sites.yaml"]!)
        ])
        #expect(result.diagnostics.isEmpty)
        let connection = try #require(result.configuration.connections.values.first)
        #expect(connection.allowsSharedTokenFile == true)
        #expect(connection.token == .file("/etc/t"))
    }
}
