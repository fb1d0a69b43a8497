import Foundation

/// Paths of the checked-in fixtures, found relative to this file (three levels up is the package root).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let moodle = root.appendingPathComponent("moodle")
    static let groundTruth = moodle.appendingPathComponent("ground-truth.json")
    static let scenarios = root.appendingPathComponent("scenarios")
}

/// One captured request (`<case>.request.json`) and the bodies recorded for it.
struct Capture: Sendable, CustomStringConvertible {
    /// `<folder>/<case>`, e.g. `errors/invalid_token`.
    var name: String
    var endpoint: String
    var method: String
    var function: String?
    /// Placeholder name without braces, e.g. `ws_bridge`.
    var token: String?
    var formFields: [(String, String)]
    /// Recorded answers by format (`json`, `xml`).
    var answers: [String: Answer]

    struct Answer: Sendable {
        var file: URL
        var status: Int
        var contentType: String?
    }

    var description: String { name }

    /// Every capture under `Fixtures/moodle`, sorted by name.
    static func all() throws -> [Capture] {
        let fm = FileManager.default
        var captures: [Capture] = []
        for folder in try fm.contentsOfDirectory(atPath: Fixtures.moodle.path).sorted() {
            let dir = Fixtures.moodle.appendingPathComponent(folder)
            guard let files = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".request.json") {
                captures.append(try Capture(url: dir.appendingPathComponent(file), folder: folder))
            }
        }
        return captures
    }

    init(url: URL, folder: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let caseName = url.lastPathComponent.replacingOccurrences(of: ".request.json", with: "")
        name = "\(folder)/\(caseName)"
        endpoint = object["endpoint"] as? String ?? "/webservice/rest/server.php"
        method = (object["http_method"] ?? object["method"]) as? String ?? "POST"
        function = (object["wsfunction"] ?? object["function"]) as? String
        token = (object["token"] as? String).map {
            $0.replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "")
        }
        formFields = (object["form_fields"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
        answers = [:]
        let dir = url.deletingLastPathComponent()
        let formats = (object["responses"] ?? object["formats"]) as? [String: [String: Any]] ?? [:]
        for (format, info) in formats {
            let file = info["file"] as? String ?? "\(caseName).\(format)"
            let status = (info["http_status"] ?? info["status"]) as? Int ?? 200
            answers[format] = Answer(
                file: dir.appendingPathComponent(file), status: status, contentType: info["content_type"] as? String)
        }
    }
}
