import Foundation
import Testing

@testable import FakeMoodle

/// Replays every captured request against the fake over real HTTP, in JSON and XML, and compares
/// the answers with the captures: shape always (keys, key order, types, null-ness, errors), values
/// too where the answer key holds them.
// Serialized: each case runs its own server, and FlyingFox parks a dispatch thread per server.
@Suite("Fidelity with the Moodle 5.1 captures", .serialized)
struct FidelityTests {
    static let scenario: Scenario = try! Scenario.fromGroundTruth(at: Fixtures.groundTruth)
    static let captures: [Capture] = (try? Capture.all()) ?? []

    @Test("the fixtures resolve and hold captures")
    func fixturesResolve() {
        #expect(FileManager.default.fileExists(atPath: Fixtures.groundTruth.path))
        #expect(Self.captures.count > 100)
    }

    @Test("every known exception names an existing capture")
    func knownExceptionsExist() {
        let names = Set(Self.captures.map(\.name))
        for name in KnownExceptions.notReplayed.keys.sorted() { #expect(names.contains(name), "\(name)") }
        for name in KnownExceptions.valuesNotCompared.keys.sorted() { #expect(names.contains(name), "\(name)") }
    }

    @Test("replays a capture", arguments: captures.filter { KnownExceptions.notReplayed[$0.name] == nil })
    func replay(_ capture: Capture) async throws {
        for format in capture.answers.keys.sorted() {
            let answer = capture.answers[format]!
            try await withServer(Self.scenario) { server, base in
                try await Self.check(capture, format: format, answer: answer, server: server, base: base)
            }
        }
    }

    private static func check(
        _ capture: Capture, format: String, answer: Capture.Answer, server: FakeMoodleServer, base: URL
    )
        async throws
    {
        try await Self.prepare(server, base: base, for: capture)

        var fields = capture.formFields.map { ($0.0, Self.fill($0.1)) }
        if capture.endpoint.hasSuffix("server.php") {
            let token = capture.token.flatMap { Scenario.groundTruthTokens[$0] } ?? ""
            fields = [("wstoken", token), ("wsfunction", capture.function ?? "")] + fields
            if format == "json", !fields.contains(where: { $0.0 == "moodlewsrestformat" }) {
                fields.append(("moodlewsrestformat", "json"))
            }
        }
        let reply = try await HTTP.send(base, path: capture.endpoint, method: capture.method, fields: fields)
        let expectedText = Self.fill(try String(contentsOf: answer.file, encoding: .utf8))

        #expect(reply.status == answer.status, "\(capture.name) [\(format)] HTTP status")
        if let contentType = answer.contentType {
            #expect(reply.contentType == contentType, "\(capture.name) [\(format)] Content-Type")
        }
        if expectedText.isEmpty {
            #expect(reply.body.isEmpty, "\(capture.name) [\(format)] body should be empty")
            #expect(reply.contentType.hasPrefix("text/html"), "\(capture.name) [\(format)] content type")
            return
        }
        let expected = try format == "json" ? Node.json(Data(expectedText.utf8)) : Node.xml(expectedText)
        let actual: Node
        do {
            actual = try format == "json" ? Node.json(reply.body) : Node.xml(reply.text)
        } catch {
            Issue.record("\(capture.name) [\(format)]: unparsable answer: \(reply.text.prefix(300))")
            return
        }
        let shape = ShapeComparison.shapeDifferences(expected: expected, actual: actual)
        #expect(shape.isEmpty, "\(capture.name) [\(format)] shape:\n\(shape.prefix(8).joined(separator: "\n"))")
        if KnownExceptions.valuesNotCompared[capture.name] == nil {
            let ignoring = KnownExceptions.ignoredKeys.union(
                KnownExceptions.ignoredKeysPerCapture[capture.name]?.keys ?? [])
            let values = ShapeComparison.valueDifferences(
                expected: expected.removingFields(KnownExceptions.ignoredFieldShortnames),
                actual: actual.removingFields(KnownExceptions.ignoredFieldShortnames), ignoring: ignoring)
            #expect(values.isEmpty, "\(capture.name) [\(format)] values:\n\(values.prefix(8).joined(separator: "\n"))")
        }
    }

    /// Replaces capture placeholders (`{{ws_bridge}}`, `{{password}}`) with the scenario's values.
    static func fill(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "{{password}}", with: Scenario.groundTruthPassword)
        for (name, token) in Scenario.groundTruthTokens {
            text = text.replacingOccurrences(of: "{{\(name)}}", with: token)
        }
        return text
    }

    /// Brings the server into the state the capture was taken in.
    static func prepare(_ server: FakeMoodleServer, base: URL, for capture: Capture) async throws {
        switch capture.name {
        case "errors/webservices_disabled", "errors/rest_protocol_disabled", "login_token/webservices_disabled":
            server.setWebServicesEnabled(false)
        case "errors/expired_token_second_use", "errors/expired_token_xml_after_deletion":
            _ = try await HTTP.call(
                base, "core_webservice_get_site_info", token: Scenario.groundTruthTokens["expired"]!)
        case "core_reportbuilder_retrieve_report/report1_filtered_2025q3_perpage500":
            try await setFilters(base, from: "range_2025q3")
        case "core_reportbuilder_retrieve_report/report1_filtered_from_2026_11_01":
            try await setFilters(base, from: "from_2026_11_01_open_ended")
        default:
            break
        }
    }

    private static func setFilters(_ base: URL, from name: String) async throws {
        let setup = try #require(captures.first { $0.name == "core_reportbuilder_set_filters/\(name)" })
        _ = try await HTTP.call(
            base, "core_reportbuilder_set_filters", token: Scenario.groundTruthTokens["ws_bridge"]!, setup.formFields)
    }
}
