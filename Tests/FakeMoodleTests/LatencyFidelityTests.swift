import FakeMoodle
import Foundation
import Testing

/// The fake's measured latency against the time each captured call took on the real Moodle.
@Suite("Latency fidelity")
struct LatencyFidelityTests {
    /// Rows of a recorded response, counted as the fake counts its own (a top-level list, or the
    /// longest list one or two levels down).
    static func rows(_ json: Any) -> Int {
        if let list = json as? [Any] { return list.count }
        guard let object = json as? [String: Any] else { return 0 }
        return object.values.map { value -> Int in
            if let list = value as? [Any] { return list.count }
            if let inner = value as? [String: Any] { return inner.values.map { ($0 as? [Any])?.count ?? 0 }.max() ?? 0 }
            return 0
        }.max() ?? 0
    }

    @Test("every captured call the model prices answers within 20 % (or 12 ms) of the real Moodle's median")
    func measuredMatchesCaptures() throws {
        let model = LatencyModel.measured
        var checked = 0
        let folders = try FileManager.default.contentsOfDirectory(atPath: Fixtures.moodle.path)
        for function in folders.sorted() where model.functions[function] != nil {
            let folder = Fixtures.moodle.appendingPathComponent(function)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            where name.hasSuffix(".request.json") {
                // Enrolled users with every field is a heavier query than the sync's minimal fields.
                if function == "core_enrol_get_enrolled_users", !name.contains("minimal"), !name.contains("userfields") {
                    continue
                }
                let request = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name)))
                guard let latency = (request as? [String: Any])?["latency_ms"] as? [String: Any],
                    let median = latency["median"] as? Double
                else { continue }
                let response = folder.appendingPathComponent(name.replacingOccurrences(of: ".request.json", with: ".json"))
                guard let body = try? Data(contentsOf: response), let json = try? JSONSerialization.jsonObject(with: body)
                else { continue }
                let payload = (json as? [String: Any])?["response"] ?? json
                let rows = Self.rows(payload)
                let modelled = model.delay(function: function, rows: rows)
                let milliseconds = Double(modelled.components.seconds) * 1000 + Double(modelled.components.attoseconds) / 1e15
                #expect(
                    abs(milliseconds - median) <= max(12, median * 0.2),
                    "\(function)/\(name): \(rows) rows, modelled \(milliseconds) ms, measured \(median) ms")
                checked += 1
            }
        }
        #expect(checked >= 12, "only \(checked) captured calls were compared")
    }
}
