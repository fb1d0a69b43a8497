import BridgeApplication
import BridgeConfig
import CreditCore
import Foundation
import Testing

@Suite("Mapping files: checked with what they hold, refused with errors")
struct MappingFilesTests {
    /// A copy of the example region's mapping files, with module ICT-04 at 40 hours.
    func brokenCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mappings-\(UUID())")
        try FileManager.default.copyItem(
            at: Fixture.root.appendingPathComponent("Mappings").resolvingSymlinksInPath(), to: folder)
        let modules = folder.appendingPathComponent("modules.yaml")
        var text = try String(contentsOf: modules, encoding: .utf8)
        let first = try #require(text.range(of: "hours: 4\n"))
        text.replaceSubrange(first, with: "hours: 40\n")
        try text.write(to: modules, atomically: true, encoding: .utf8)
        return folder
    }

    @Test("the example region: no errors, and the counts of what it describes")
    func exampleRegion() throws {
        let folder = Fixture.root.appendingPathComponent("Mappings").path
        let result = try CheckMappings(directory: folder).run()
        let mapping = try Fixture().mapping
        #expect(result.isValid && result.errors == 0)
        #expect(result.warnings == result.loaded.diagnostics.count)
        #expect(result.loaded.files.count == 6)
        #expect(result.counts.sites == 2 && result.counts.sites == mapping.sites.count)
        #expect(result.counts.courses == mapping.modules.reduce(0) { $0 + $1.courses.count })
        #expect(result.counts.modules == 24 && result.counts.courses == 23)
        #expect(result.counts.programs == mapping.programs.count && result.counts.persons == mapping.persons.count)
        #expect(result.counts.centres == mapping.organisation.centres.count && result.counts.centres >= 4)
        #expect(result.counts.planLines == mapping.plan.lines.count)
        #expect(result.counts.plannedLearners == mapping.plan.lines.reduce(0) { $0 + $1.learners })
        #expect(try LoadRegion(directory: folder).run().mapping.modules.count == result.counts.modules)
    }

    @Test("a file with an error: the check counts it; loading the region refuses it, naming the error")
    func broken() throws {
        let folder = try brokenCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CheckMappings(directory: folder.path).run()
        #expect(!result.isValid && result.errors == 1 && result.warnings == 0)
        #expect(result.counts.modules > 0)
        do {
            _ = try LoadRegion(directory: folder.path).run()
            Issue.record("a region with an error was loaded")
        } catch let error as ApplicationError {
            #expect(error.kind == .invalidValue && error.exitStatus == .badInput)
            #expect(
                error.message
                    == "the mapping files have 1 error(s); run `moodle-bridge mappings check \(folder.path)`:\n"
                    + "  \(folder.path)/modules.yaml:27: error: hours: module 'ICT-04' has 40 h; a module lasts 2…36 h")
        }
    }

    @Test("a folder that is missing: the check throws the read error; loading refuses it as an unreadable file")
    func missing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-mappings-\(UUID())").path
        #expect(throws: MappingLoader.ReadError.self) { try CheckMappings(directory: folder).run() }
        do {
            _ = try LoadRegion(directory: folder).run()
            Issue.record("a missing folder was loaded")
        } catch let error as ApplicationError {
            #expect(error.kind == .unreadableFile && error.message.contains(folder))
        }
    }
}
