import BridgeApplication
import CreditCore
import Foundation

/// What `mappings check` prints: every diagnostic, then a summary of what was read.
struct MappingCheckReport {
    let result: CheckMappings.Result

    init(_ result: CheckMappings.Result) { self.result = result }

    private var errors: Int { result.errors }
    private var warnings: Int { result.warnings }

    var text: String {
        var lines = result.loaded.diagnostics.map(\.description)
        let counts = result.counts
        let summary =
            "\(counts.sites) sites, \(counts.modules) modules, "
            + "\(counts.courses) courses, \(counts.programs) programs, "
            + "\(counts.centres) centres, \(counts.planLines) plan lines "
            + "(\(counts.plannedLearners) learners), \(counts.persons) persons"
        lines.append("Read \(result.loaded.files.count) files: \(summary).")
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
        let counts = result.counts
        let output = Output(
            valid: result.isValid, errors: errors, warnings: warnings, files: result.loaded.files,
            diagnostics: result.loaded.diagnostics.map {
                Item(
                    severity: $0.severity.rawValue, file: $0.location?.file, line: $0.location?.line,
                    key: $0.key, message: $0.message)
            },
            counts: [
                "sites": counts.sites, "modules": counts.modules, "programs": counts.programs,
                "centres": counts.centres, "planLines": counts.planLines, "persons": counts.persons,
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
