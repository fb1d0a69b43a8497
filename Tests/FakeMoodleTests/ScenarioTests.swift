import Foundation
import Testing

@testable import FakeMoodle

@Suite("Scenarios")
struct ScenarioTests {
    @Test("generation is repeatable for a seed and sized as asked")
    func generateIsRepeatable() {
        let a = Scenario.generate(seed: 42, users: 2_000, courses: 30, completionRate: 0.4)
        let b = Scenario.generate(seed: 42, users: 2_000, courses: 30, completionRate: 0.4)
        let c = Scenario.generate(seed: 43, users: 2_000, courses: 30, completionRate: 0.4)
        #expect(a == b)
        #expect(a != c)
        #expect(a.users.count == 2_002)
        #expect(a.courses.count == 30)
        #expect(a.enrolments.count > 2_000 * 2)
        let rate = Double(a.completions.count) / Double(a.enrolments.count)
        #expect(abs(rate - 0.4) < 0.05, "completion rate \(rate)")
    }

    @Test("a scenario survives a JSON round trip")
    func jsonRoundTrip() throws {
        let scenario = Scenario.generate(seed: 1, users: 50, courses: 4, completionRate: 0.5)
        let data = try scenario.jsonData()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).json")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Scenario.load(from: url) == scenario)
    }

    @Test("the checked-in small scenario loads and equals Scenario.small()")
    func smallFixture() throws {
        let url = Fixtures.scenarios.appendingPathComponent("small.json")
        if ProcessInfo.processInfo.environment["RECORD_SCENARIOS"] != nil {
            try FileManager.default.createDirectory(at: Fixtures.scenarios, withIntermediateDirectories: true)
            try Scenario.small().jsonData().write(to: url)
        }
        #expect(try Scenario.load(from: url) == Scenario.small())
    }

    @Test("the ground-truth scenario matches the answer key's statistics")
    func groundTruth() throws {
        let scenario = try Scenario.fromGroundTruth(at: Fixtures.groundTruth)
        #expect(scenario.courses.count == 22)
        #expect(scenario.users.count == 247)
        #expect(scenario.completions.count == 398)
        #expect(scenario.enrolments.count == 791)
        #expect(scenario.users.filter(\.deleted).count == 4)
        #expect(scenario.users.filter(\.suspended).count == 8)
        // 230 learners were members; the 3 deleted since lost their membership.
        #expect(scenario.cohorts.map(\.memberIDs.count).reduce(0, +) == 227)
    }
}

@Suite("Scale")
struct ScaleTests {
    // How fast is for `bridge-bench sync` to measure; this test checks that a large site is served whole.
    @Test("a generated site of 5 000 users answers a full pull, one request each")
    func fullPull() async throws {
        let scenario = Scenario.generate(seed: 2026, users: 5_000, courses: 40, completionRate: 0.35)
        try await withServer(scenario) { server, base in
            let report = try await HTTP.call(
                base, "core_reportbuilder_retrieve_report", token: Scenario.serviceToken,
                [("reportid", "1"), ("perpage", "0")]
            ).node()
            #expect((report["data"]?["rows"]?.items.count ?? 0) > 5_000)
            for course in 2...6 {
                let users = try await HTTP.call(
                    base, "core_enrol_get_enrolled_users", token: Scenario.serviceToken,
                    [("courseid", String(course))]
                ).node()
                #expect(users.items.count > 100)
            }
            #expect(server.totalRequestCount == 6)
        }
    }
}

@Suite("Hand-written scenario files")
struct HandWrittenScenarioTests {
    @Test("a minimal file fills defaults and is served")
    func minimal() async throws {
        let scenario = try Scenario.load(from: Fixtures.scenarios.appendingPathComponent("minimal.json"))
        #expect(scenario.courses.first?.idnumber == "MOD-ICT-01")
        #expect(scenario.courses.last?.criteria == [.selfCompletion])
        #expect(scenario.enrolments.last?.status == .suspended)
        #expect(scenario.courseFields == FieldDefinition.defaultCourseFields)
        try await withServer(scenario) { _, base in
            let report = try await HTTP.call(
                base, "core_reportbuilder_retrieve_report", token: "minimal-token",
                [("reportid", "1"), ("perpage", "0")]
            ).node()
            let rows = report["data"]?["rows"]?.items.compactMap { $0["columns"]?.items.map { $0.text ?? "" } } ?? []
            #expect(rows.count == 2)
            #expect(rows.first?[11] == "Saturday, 1 March 2025, 4:41 PM")
            #expect(rows.last?[8] == "Suspended")
            let status = try await HTTP.call(
                base, "core_completion_get_course_completion_status", token: "minimal-token",
                [("courseid", "2"), ("userid", "5")])
            #expect(status.errorCode == "usernotenroled")
        }
    }
}
