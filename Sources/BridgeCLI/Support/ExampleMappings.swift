import Foundation

/// The example region's mapping files (`Mappings/*.yaml`), bundled with the command at build time
/// so the demo runs from any folder.
enum ExampleMappings {
    /// The bundled mapping files, sorted by name.
    static var files: [URL] {
        let folder = Bundle.module.resourceURL ?? Bundle.module.bundleURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Writes the bundled mapping files into `folder` (created if missing), replacing earlier copies.
    static func write(into folder: URL) throws {
        let files = self.files
        guard !files.isEmpty else { throw CLIError("the example region's mapping files are missing from the build") }
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                let copy = folder.appendingPathComponent(file.lastPathComponent)
                if manager.fileExists(atPath: copy.path) { try manager.removeItem(at: copy) }
                try manager.copyItem(at: file, to: copy)
            }
        } catch {
            throw CLIError("cannot write the example mapping files into \(folder.path): \(error.localizedDescription)")
        }
    }
}
