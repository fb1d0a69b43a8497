import ArgumentParser
import BridgeApplication
import BridgeConfig
import CreditCore
import Foundation

/// `moodle-bridge mappings …`: work with the mapping files.
struct MappingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mappings",
        abstract: "Check the mapping files that describe a region.",
        subcommands: [MappingsCheckCommand.self])
}

/// `moodle-bridge mappings check [DIR]`: reads every mapping file and lists every problem.
struct MappingsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every mapping file of a folder and list each problem with file:line.",
        discussion: """
            Reads every *.yaml file of DIR (sites, modules, programs, centres, categories, plan, \
            persons) and checks them together: unknown or duplicate modules and courses, hours \
            outside 2…36, programs that can never reach their target, tokens written into a file \
            instead of named by their source, bad SNILS, unknown keys.

            Exit status: 0 when there is no error (warnings allowed), 1 when there are errors.
            """)

    @Argument(help: "The folder holding the mapping files.")
    var directory: String = "Mappings"

    @Option(help: "Print the result as text for people, or as JSON for scripts.")
    var format: OutputFormat = .text

    func run() async throws {
        let result: CheckMappings.Result
        do {
            result = try CheckMappings(directory: directory).run()
        } catch let error as MappingLoader.ReadError {
            throw ValidationError(error.description)
        }
        switch format {
        case .text: print(MappingCheckReport(result).text, terminator: "")
        case .json: print(try MappingCheckReport(result).json())
        }
        if !result.isValid { throw ExitCode(.badInput) }
    }
}
