import BridgeConfig
import CreditCore
import Foundation

/// `mappings check`: reads every mapping file of a folder, checks them together, and says what was
/// read and what is wrong — errors (the files cannot be used) and warnings (they can).
public struct CheckMappings: Sendable {
    /// How much of the region the files describe.
    public struct Counts: Hashable, Sendable {
        public var sites, modules, courses, programs, centres, planLines, plannedLearners, persons: Int
    }

    public struct Result: Sendable {
        /// The region as read, every diagnostic and the files read.
        public var loaded: MappingLoader.Result
        public var errors: Int
        public var warnings: Int
        public var counts: Counts

        /// Whether the files may be used: no errors (warnings allowed).
        public var isValid: Bool { loaded.isValid }
    }

    /// The folder holding the mapping files.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// - Throws: ``MappingLoader/ReadError`` when the folder cannot be read or holds no mapping file.
    public func run() throws -> Result {
        let loaded = try MappingLoader().load(directory: URL(fileURLWithPath: directory))
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        let mapping = loaded.mapping
        return Result(
            loaded: loaded, errors: errors, warnings: loaded.diagnostics.count - errors,
            counts: Counts(
                sites: mapping.sites.count, modules: mapping.modules.count,
                courses: mapping.modules.flatMap(\.courses).count, programs: mapping.programs.count,
                centres: mapping.organisation.centres.count, planLines: mapping.plan.lines.count,
                plannedLearners: mapping.plan.total, persons: mapping.persons.count))
    }
}
