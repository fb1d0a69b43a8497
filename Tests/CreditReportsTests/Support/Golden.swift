import Foundation
import Testing

/// Compares produced text with a golden file under `Fixtures/golden/reports`; `RECORD_GOLDEN=1`
/// rewrites the files instead.
enum Golden {
    static let folder = ReportFixture.root.appendingPathComponent("Fixtures/golden/reports")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    static func check(_ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name); run the tests with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let message =
                "\(name) differs from its golden file (re-record with RECORD_GOLDEN=1 if the change is wanted):\n"
                + diff(expected: expected, actual: actual)
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    /// The lines that differ, marked `-` (golden) and `+` (produced), with their line numbers.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        var out: [String] = []
        for index in 0..<max(old.count, new.count) {
            let left = index < old.count ? old[index] : nil, right = index < new.count ? new[index] : nil
            if left != right {
                if let left { out.append("\(index + 1)- \(left)") }
                if let right { out.append("\(index + 1)+ \(right)") }
            }
            if out.count > 40 { out.append("…"); break }
        }
        return out.joined(separator: "\n")
    }
}
