import BridgeConfig
import CreditCore
import Foundation
import Testing

/// A large mapping folder loads whole and clean. No time is asserted: `bridge-bench mappings`
/// measures how the check grows; this checks that a large input is read correctly.
@Suite("A large region")
struct LargeRegionTests {
    static func generatedModules(_ count: Int) -> String {
        var text = "version: 1\nmodules:\n"
        for index in 0..<count {
            text += """
                  - id: GEN-\(index)
                    title: "Generated module \(index)"
                    hours: \(2 + index % 35)
                    form: distance
                    courses:
                      - { site: ripk, idnumber: GEN-C-\(index) }

                """
        }
        return text
    }

    @Test("the example region and 5,000 generated modules: every module read, no diagnostics")
    func loadsWholeAndClean() throws {
        let folder = ExampleRegionTests.mappings
        let example = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { name in
                MappingLoader.File(
                    name: name, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
            }
        let exampleModules = MappingLoader().load(files: example).mapping.modules.count
        let result = MappingLoader().load(
            files: example + [MappingLoader.File(name: "modules-generated.yaml", text: Self.generatedModules(5_000))])
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.mapping.modules.count == exampleModules + 5_000)
        let last = result.mapping.modules.last
        #expect(last?.module.id == "GEN-4999")
        #expect(last?.module.hours == CreditHours(2 + 4_999 % 35))
        #expect(last?.location == SourceLocation(file: "modules-generated.yaml", line: 3 + 6 * 4_999))
        #expect(
            last?.courses.first?.location == SourceLocation(file: "modules-generated.yaml", line: 3 + 6 * 4_999 + 5))
        #expect(
            result.mapping.module(site: "ripk", courseID: 0, idnumber: "GEN-C-4999", shortname: nil)?.id == "GEN-4999")
    }
}
