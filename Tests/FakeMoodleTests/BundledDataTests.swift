import Foundation
import Testing

@testable import FakeMoodle

@Suite("Bundled example data")
struct BundledDataTests {
    @Test("the bundled answer key and scenario files are the repository's, byte for byte")
    func sameBytes() throws {
        #expect(try Data(contentsOf: BundledData.groundTruthURL) == Data(contentsOf: Fixtures.groundTruth))
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.scenarios.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(BundledData.scenarioNames == files.map { String($0.dropLast(5)) })
        for name in BundledData.scenarioNames {
            let repository = try Scenario.load(from: Fixtures.scenarios.appendingPathComponent("\(name).json"))
            #expect(try BundledData.scenario(named: name) == repository)
        }
    }

    @Test("an unknown scenario name lists the bundled ones")
    func unknownName() {
        #expect(throws: BundledData.MissingScenario.self) { try BundledData.scenario(named: "nosuch") }
        #expect(throws: BundledData.MissingScenario.self) { try BundledData.scenario(named: "ground-truth") }
    }
}
