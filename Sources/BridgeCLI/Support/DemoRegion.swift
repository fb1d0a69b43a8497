import BridgeConfig
import CreditCore
import FakeMoodle
import Foundation

/// The example region's two Moodle sites, as fake servers on loopback: `ripk` is the captured
/// Moodle 5.1 site rebuilt from its answer key (read through its completion report), `north` a
/// methodical centre's smaller site (read the classic way, in XML) whose teachers partly also
/// study on `ripk`, with a course nobody mapped and a few users no key identifies.
struct DemoRegion {
    let servers: [SiteID: FakeMoodleServer]
    let tokens: [SiteID: String]

    static func start(groundTruth: URL) async throws -> DemoRegion {
        let ripk = try Scenario.fromGroundTruth(at: groundTruth)
        let north = northScenario(from: ripk)
        var servers: [SiteID: FakeMoodleServer] = [:]
        for (id, scenario) in [(SiteID("ripk"), ripk), (SiteID("north"), north)] {
            let server = FakeMoodleServer(scenario: scenario)
            _ = try await server.start()
            servers[id] = server
        }
        return DemoRegion(
            servers: servers,
            tokens: ["ripk": Scenario.groundTruthTokens["ws_bridge"]!, "north": Scenario.serviceToken])
    }

    func stop() async {
        for server in servers.values { await server.stop() }
    }

    /// The region with each site's connection pointed at its fake server and its token read from a
    /// demo variable.
    func configuration(
        from configuration: RegionConfiguration
    ) -> (configuration: RegionConfiguration, environment: [String: String]) {
        var configuration = configuration
        var environment: [String: String] = [:]
        for site in configuration.mapping.sites {
            let id = site.id
            guard let url = servers[id]?.baseURL, let token = tokens[id],
                var connection = configuration.connections[id]
            else { continue }
            let variable = "MOODLE_BRIDGE_DEMO_TOKEN_\(id.rawValue.uppercased())"
            connection.baseURL = url
            connection.token = .environment(variable)
            configuration.connections[id] = connection
            environment[variable] = token
        }
        return (configuration, environment)
    }

    /// ММЦ-01's own Moodle: three mapped courses (two teach modules also taught on `ripk`), one
    /// unmapped course, 40 teachers who also study on `ripk` (same SNILS and e-mail) and three
    /// users with neither.
    static func northScenario(from ripk: Scenario) -> Scenario {
        var scenario = Scenario.generate(seed: 2026, users: 0, courses: 4, completionRate: 0)
        scenario.site.name = "ММЦ-01 Северный — Moodle центра"
        scenario.site.timezone = "Europe/Moscow"
        scenario.site.currentTime = ripk.site.currentTime
        let now = ripk.site.currentTime ?? 1_795_000_000
        let courses: [(String, String, String?)] = [
            ("ЦОР-36", "Цифровые образовательные ресурсы (очно-заочно, ММЦ-01)", "36"),
            ("ОБЛАКО-12", "Облачные сервисы для педагога (ММЦ-01)", "12"),
            ("КЛРУК-24", "Классное руководство (ММЦ-01)", "24"),
            ("ПРОЧЕЕ-01", "Методическое объединение: обмен опытом", nil),
        ]
        for (index, course) in courses.enumerated() {
            scenario.courses[index].shortname = course.0
            scenario.courses[index].idnumber = ""
            scenario.courses[index].fullname = course.1
            scenario.courses[index].customFields = course.2.map { ["hours": $0] } ?? [:]
        }
        let teachers = ripk.users.filter { !$0.deleted && !$0.suspended && $0.profile["snils"] != nil && $0.id >= 4 }
            .prefix(40)
        var random = SplitMix64(seed: 2026)
        for (offset, teacher) in teachers.enumerated() {
            var user = teacher
            user.id = 100 + offset
            user.username = "mmc01.\(teacher.username)"
            user.password = "secret"
            scenario.users.append(user)
        }
        for extra in 0..<3 {
            scenario.users.append(
                User(
                    id: 200 + extra, username: "guest.teacher\(extra)", email: "", firstname: "Гость",
                    lastname: "Слушатель\(extra)", password: "secret"))
        }
        for user in scenario.users where user.id >= 100 {
            for course in scenario.courses where Int.random(in: 0..<3, using: &random) > 0 {
                let start = now - Int.random(in: 60...400, using: &random) * 86_400
                scenario.enrolments.append(Enrolment(userID: user.id, courseID: course.id, timeStart: start))
                if Int.random(in: 0..<2, using: &random) == 0 {
                    let completed = min(now - 3_600, start + Int.random(in: 10...90, using: &random) * 86_400)
                    scenario.completions.append(
                        Completion(userID: user.id, courseID: course.id, timeCompleted: completed))
                }
            }
        }
        return scenario
    }
}
