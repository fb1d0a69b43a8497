import CreditCore
import Foundation
import Testing

/// A large region is checked in time proportional to its size. This asserts no time: it checks a
/// region large enough that a lookup walking every module for every module (which once made the check
/// take minutes) would stand out as a slow test, and that such a region is read as valid.
@Suite("Mapping validation of a large region")
struct MappingValidatorScaleTests {
    static func region(modules count: Int) -> RegionMapping {
        let site = SiteConfig(id: "ripk", name: "РИПК")
        let location = { (line: Int) in SourceLocation(file: "modules.yaml", line: line) }
        let modules = (0..<count).map { index in
            ModuleMapping(
                module: Module(
                    id: ModuleID("GEN-\(index)"), title: "Module \(index)", hours: CreditHours(2 + index % 35),
                    form: .distance),
                courses: [
                    CourseReference(site: "ripk", key: .idnumber("C-\(index)"), location: location(6 * index + 7))
                ],
                location: location(6 * index + 2))
        }
        let everyModule = ProgramMapping(
            program: Program(id: "ALL", title: "Every module", kind: .freeChoice(allowed: nil)))
        let listed = ProgramMapping(
            program: Program(
                id: "LISTED", title: "Every module, listed", kind: .freeChoice(allowed: Set(modules.map(\.module.id)))),
            listedModules: modules.map { .init(id: $0.module.id, location: $0.location) })
        return RegionMapping(sites: [site], modules: modules, programs: [everyModule, listed])
    }

    @Test("20,000 modules, each with a course, and programs allowing them all: no diagnostics")
    func largeRegionIsValid() {
        #expect(MappingValidator().validate(Self.region(modules: 20_000)) == [])
    }

    @Test("in a large region, a duplicate module and a course mapped twice are still reported where they stand")
    func largeRegionDuplicates() {
        var mapping = Self.region(modules: 20_000)
        var copy = mapping.modules[3]
        copy.location = SourceLocation(file: "more.yaml", line: 4)
        copy.courses[0].location = SourceLocation(file: "more.yaml", line: 9)
        mapping.modules.append(copy)
        #expect(
            MappingValidator().validate(mapping).map(\.description) == [
                "more.yaml:4: error: modules.id: module 'GEN-3' is defined twice (first at modules.yaml:20)",
                "more.yaml:9: error: courses: ripk course idnumber C-3 is mapped twice: to 'GEN-3' and to 'GEN-3'",
            ])
    }
}
