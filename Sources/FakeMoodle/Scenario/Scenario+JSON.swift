import Foundation

extension Scenario {
    /// Loads a scenario saved with ``jsonData()`` (see `Fixtures/scenarios/small.json`).
    ///
    /// - Throws: A file or decoding error.
    public static func load(from url: URL) throws -> Scenario {
        try JSONDecoder().decode(Scenario.self, from: Data(contentsOf: url))
    }

    /// The scenario as pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
