import BridgeConfig
import CreditCore
import Foundation
import Testing

/// The example region under `Mappings/` is what the demo and the documentation use: it must load
/// without a single diagnostic and hold what the README says it holds.
@Suite("The example region")
struct ExampleRegionTests {
    static let mappings = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Mappings")

    @Test("loads with no diagnostics")
    func loadsClean() throws {
        let result = try MappingLoader().load(directory: Self.mappings)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.isValid)
    }

    @Test("two sites, each naming where its token comes from")
    func sites() throws {
        let configuration = try MappingLoader().load(directory: Self.mappings).configuration
        let mapping = configuration.mapping
        #expect(mapping.sites.map(\.id) == ["ripk", "north"])
        #expect(Set(configuration.connections.keys) == ["ripk", "north"])
        #expect(configuration.connections["ripk"]?.token == .environment("MOODLE_TOKEN_RIPK"))
        #expect(configuration.connections["north"]?.token == .file("/etc/moodle-bridge/north.token"))
        #expect(configuration.connections["north"]?.format == .xml)
        #expect(mapping.site("ripk")?.identity == [.profileField("snils"), .idnumber, .email])
        #expect(configuration.connections["ripk"]?.completionReportID == 1)
    }

    @Test("a module taught on two sites is one module")
    func sharedModule() throws {
        let mapping = try MappingLoader().load(directory: Self.mappings).mapping
        let viaRipk = mapping.module(site: "ripk", courseID: 2, idnumber: "MOD-ICT-01", shortname: nil)
        let viaNorth = mapping.module(site: "north", courseID: 7, idnumber: nil, shortname: "ЦОР-36")
        #expect(viaRipk?.id == "ICT-01")
        #expect(viaNorth == viaRipk)
        #expect(viaRipk?.hours == 36)
    }

    @Test("a free-choice 72-hour program and an ordered trajectory")
    func programs() throws {
        let mapping = try MappingLoader().load(directory: Self.mappings).mapping
        let free = try #require(mapping.program("PK-72"))
        #expect(free.kind == .freeChoice(allowed: nil))
        #expect(free.targetHours == 72 && free.durationMonths == 6 && free.opensAutomatically)
        let trajectory = try #require(mapping.program("PK-72-ICT"))
        #expect(trajectory.kind == .trajectory(modules: ["ICT-01", "ICT-05", "ICT-03"], isOrdered: true))
    }

    @Test("the plan totals the regional plan's 3,700 learners: 1,900 in person, 900 distance, 900 seminars")
    func plan() throws {
        let plan = try MappingLoader().load(directory: Self.mappings).mapping.plan
        #expect(plan.total == 3700)
        let byForm = Dictionary(grouping: plan.lines, by: \.form).mapValues { $0.reduce(0) { $0 + $1.learners } }
        #expect(byForm == [.inPerson: 1900, .distance: 900, .seminar: 900])
        #expect(plan.planned(YearMonth("2025-04")!, .inPerson, .administrator) == 22)
    }

    @Test("categories come from the position profile field")
    func categories() throws {
        let organisation = try MappingLoader().load(directory: Self.mappings).mapping.organisation
        #expect(organisation.category(forValue: "методист ммц") == .methodist)
        #expect(organisation.category(forValue: "Руководитель ММЦ") == .administrator)
        #expect(organisation.category(forValue: "Учитель математики") == .teacher)
        #expect(organisation.category(forValue: nil) == .teacher)
        #expect(organisation.centres.count == 5)
    }
}
