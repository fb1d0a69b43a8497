import Foundation
import PackagePlugin

/// Bundles the example data as resources of the targets that serve it, so `moodle-bridge demo` and
/// `moodle-bridge fake-moodle serve` work from any folder.
///
/// The files stay where they are, the only copy in the repository; each build copies them into
/// the plugin's work folder, and SwiftPM bundles what a build command writes there as the target's
/// resources (`Bundle.module`, all files in the bundle's top folder):
/// - FakeMoodle: `Fixtures/moodle/ground-truth.json` and `Fixtures/scenarios/*.json`;
/// - BridgeCLI: `Mappings/*.yaml`, the example region the demo syncs.
///
/// An edited file is copied again by the next build. A file added is bundled once SwiftPM plans
/// the build again (after a change to `Package.swift`, or in a new clone); the copy of a file
/// removed stays in the build folder until that is cleaned.
@main struct BundleExampleData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let files: [URL]
        switch target.name {
        case "FakeMoodle":
            files =
                [root.appending(path: "Fixtures/moodle/ground-truth.json")]
                + (try Self.files(in: root.appending(path: "Fixtures/scenarios"), withExtension: "json"))
        case "BridgeCLI":
            files = try Self.files(in: root.appending(path: "Mappings"), withExtension: "yaml")
        default:
            return []
        }
        let out = context.pluginWorkDirectoryURL.appending(path: target.name)
        return files.map { file in
            let copy = out.appending(path: file.lastPathComponent)
            return .buildCommand(
                displayName: "Bundling \(file.lastPathComponent) into \(target.name)",
                executable: URL(fileURLWithPath: "/bin/cp"), arguments: [file.path, copy.path],
                inputFiles: [file], outputFiles: [copy])
        }
    }

    /// The files of `folder` with `pathExtension`, sorted by name.
    static func files(in folder: URL, withExtension pathExtension: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.hasSuffix(".\(pathExtension)") }
            .map { folder.appending(path: $0) }
    }
}
