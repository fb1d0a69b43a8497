import BridgeConfig
import CreditCore
import Foundation

/// The region every action but `mappings check` works on: the mapping files of a folder, which
/// must be free of errors (warnings allowed) — files with errors are refused, the first five named.
public struct LoadRegion: Sendable {
    /// The folder holding the mapping files.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The mapping, and how each site is reached.
    ///
    /// - Throws: ``ApplicationError`` when the folder cannot be read, or its files have errors.
    public func run() throws -> RegionConfiguration {
        let loaded: MappingLoader.Result
        do {
            loaded = try MappingLoader().load(directory: URL(fileURLWithPath: directory))
        } catch let error as MappingLoader.ReadError {
            throw ApplicationError(.unreadableFile, error.description)
        }
        guard loaded.isValid else {
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            throw ApplicationError(
                .invalidValue,
                "the mapping files have \(errors.count) error(s); run `moodle-bridge mappings check \(directory)`:\n"
                    + errors.prefix(5).map { "  \($0)" }.joined(separator: "\n"))
        }
        return loaded.configuration
    }
}
