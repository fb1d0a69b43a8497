import Foundation

@testable import MoodleClient

/// Loads the real Moodle 5.1 captures under `Fixtures/moodle`, located relative to this file.
enum Fixtures {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["MOODLE_FIXTURES"] {
            return URL(fileURLWithPath: override)
        }
        let here = URL(fileURLWithPath: #filePath)
        let direct = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/moodle")
        if FileManager.default.fileExists(atPath: direct.path) { return direct }
        return here.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/moodle")
    }()

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    /// Every `*.request.json` for `server.php`, parsed.
    static func allCaptures() throws -> [Capture] {
        let fileManager = FileManager.default
        var captures: [Capture] = []
        let folders = try fileManager.contentsOfDirectory(atPath: root.path).sorted()
        for folder in folders {
            let folderURL = root.appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                continue
            }
            for file in try fileManager.contentsOfDirectory(atPath: folderURL.path).sorted()
            where file.hasSuffix(".request.json") {
                if let capture = try Capture(folder: folder, file: file) { captures.append(capture) }
            }
        }
        return captures
    }

    static func capture(_ name: String) throws -> Capture {
        let parts = name.split(separator: "/")
        guard let capture = try Capture(folder: String(parts[0]), file: parts[1] + ".request.json") else {
            throw FixtureError(text: "no server.php capture \(name)")
        }
        return capture
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

/// One recorded request with its JSON and/or XML response.
struct Capture: Sendable, CustomStringConvertible {
    struct Response: Sendable {
        var status: Int
        var contentType: String
        var body: [UInt8]

        var http: MoodleHTTPResponse {
            MoodleHTTPResponse(status: status, headers: ["Content-Type": contentType], body: body)
        }
    }

    var name: String
    var function: String
    var formFields: [(name: String, value: String)]
    var json: Response?
    var xml: Response?

    var description: String { name }

    init?(folder: String, file: String) throws {
        let caseName = String(file.dropLast(".request.json".count))
        let base = Fixtures.root.appendingPathComponent(folder)
        let data = try Data(contentsOf: base.appendingPathComponent(file))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            (object["endpoint"] as? String)?.hasSuffix("server.php") == true,
            let function = (object["wsfunction"] ?? object["function"]) as? String
        else { return nil }
        name = folder + "/" + caseName
        self.function = function
        formFields = ((object["form_fields"] as? [[String]]) ?? []).map { (name: $0[0], value: $0[1]) }
        func response(_ format: String) throws -> Response? {
            let meta = ((object["responses"] ?? object["formats"]) as? [String: Any])?[format] as? [String: Any]
            guard let meta else { return nil }
            let fileName = meta["file"] as? String ?? "\(caseName).\(format)"
            let url = base.appendingPathComponent(fileName)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return Response(
                status: (meta["http_status"] ?? meta["status"]) as? Int ?? 200,
                contentType: meta["content_type"] as? String ?? "",
                body: [UInt8](try Data(contentsOf: url)))
        }
        json = try response("json")
        xml = try response("xml")
    }

    /// The argument fields only (as the client would send them besides wstoken/wsfunction/format).
    var argumentFields: [(name: String, value: String)] {
        formFields.filter { !["wstoken", "wsfunction", "moodlewsrestformat"].contains($0.name) }
    }
}
