import Foundation

/// Converts XLSX workbooks to CSV with LibreOffice headless, as a real spreadsheet program reads them.
enum LibreOffice {
    static let candidates = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
    static var executable: String? { candidates.first { FileManager.default.isExecutableFile(atPath: $0) } }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Converts every workbook (first sheet, UTF-8, comma-separated) and returns each one's CSV text.
    static func convertToCSV(_ workbooks: [String: Data]) throws -> [String: String] {
        guard let soffice = executable else { throw NotInstalled() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (name, data) in workbooks {
            let url = folder.appendingPathComponent("\(name).xlsx")
            try data.write(to: url)
            files.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        // 44 = comma, 34 = quote, 76 = UTF-8, 1 = first line, cells as shown (9th token); the 12th picks sheet 1.
        process.arguments =
            [
                "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--norestore",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1",
                "--outdir", folder.appendingPathComponent("out").path,
            ] + files
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        var result: [String: String] = [:]
        for name in workbooks.keys {
            let out = folder.appendingPathComponent("out/\(name).csv")
            // Some versions append the sheet name to the file when a sheet is chosen.
            let candidates =
                (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)) ?? []
            let path =
                FileManager.default.fileExists(atPath: out.path)
                ? out.path
                : candidates.first { $0.hasPrefix(name) }.map { folder.appendingPathComponent("out/\($0)").path }
            if let path, let text = try? String(contentsOfFile: path, encoding: .utf8) { result[name] = text }
        }
        return result
    }

    struct NotInstalled: Error, CustomStringConvertible {
        var description: String { "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui" }
    }
}
