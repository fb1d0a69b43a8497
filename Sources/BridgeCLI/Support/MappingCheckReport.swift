import BridgeConfig
import CreditCore
import Foundation

/// What `mappings check` prints: every diagnostic, then a summary of what was read.
struct MappingCheckReport {
    let result: MappingLoader.Result

    init(_ result: MappingLoader.Result) { self.result = result }

    private var errors: Int { result.diagnostics.filter { $0.severity == .error }.count }
    private var warnings: Int { result.diagnostics.count - errors }

    var text: String {
        var lines = result.diagnostics.map(\.description)
        let mapping = result.mapping
        let summary =
            "\(mapping.sites.count) sites, \(mapping.modules.count) modules, "
            + "\(mapping.modules.flatMap(\.courses).count) courses, \(mapping.programs.count) programs, "
            + "\(mapping.organisation.centres.count) centres, \(mapping.plan.lines.count) plan lines "
            + "(\(mapping.plan.total) learners), \(mapping.persons.count) persons"
        lines.append("Read \(result.files.count) files: \(summary).")
        lines.append(
            errors == 0
                ? "No errors\(warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")")."
                : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
        return lines.joined(separator: "\n") + "\n"
    }

    func json() throws -> String {
        struct Output: Encodable {
            let valid: Bool
            let errors: Int
            let warnings: Int
            let files: [String]
            let diagnostics: [Item]
            let counts: [String: Int]
        }
        struct Item: Encodable {
            let severity: String
            let file: String?
            let line: Int?
            let key: String?
            let message: String
        }
        let mapping = result.mapping
        let output = Output(
            valid: result.isValid, errors: errors, warnings: warnings, files: result.files,
            diagnostics: result.diagnostics.map {
                Item(
                    severity: $0.severity.rawValue, file: $0.location?.file, line: $0.location?.line,
                    key: $0.key, message: $0.message)
            },
            counts: [
                "sites": mapping.sites.count, "modules": mapping.modules.count,
                "programs": mapping.programs.count, "centres": mapping.organisation.centres.count,
                "planLines": mapping.plan.lines.count, "persons": mapping.persons.count,
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
