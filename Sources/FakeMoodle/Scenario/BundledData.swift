import Foundation

/// The example data bundled with this library, so a fake Moodle can be served from any folder.
///
/// The build copies the repository's `Fixtures/moodle/ground-truth.json` and
/// `Fixtures/scenarios/*.json` into the library's resources; those files stay the only source.
public enum BundledData {
    /// The answer key of the captured Moodle 5.1 site, for ``Scenario/fromGroundTruth(at:)``.
    public static var groundTruthURL: URL {
        guard let url = Bundle.module.url(forResource: "ground-truth", withExtension: "json") else {
            preconditionFailure("the FakeMoodle resources lack ground-truth.json")
        }
        return url
    }

    /// The names of the bundled scenario files (`Fixtures/scenarios/NAME.json`), sorted.
    public static var scenarioNames: [String] {
        let folder = Bundle.module.resourceURL ?? Bundle.module.bundleURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "ground-truth.json" }.map { String($0.dropLast(5)) }
            .sorted()
    }

    /// The bundled scenario file `Fixtures/scenarios/NAME.json`, loaded.
    ///
    /// - Throws: ``MissingScenario`` when no bundled scenario has that name; a decoding error.
    public static func scenario(named name: String) throws -> Scenario {
        guard name != "ground-truth", let url = Bundle.module.url(forResource: name, withExtension: "json") else {
            throw MissingScenario(name: name, available: scenarioNames)
        }
        return try Scenario.load(from: url)
    }

    /// No bundled scenario has the name asked for.
    public struct MissingScenario: Error, CustomStringConvertible {
        public var name: String
        public var available: [String]
        public var description: String {
            "no bundled scenario named '\(name)' (the bundled ones are: \(available.joined(separator: ", ")))"
        }
    }
}
