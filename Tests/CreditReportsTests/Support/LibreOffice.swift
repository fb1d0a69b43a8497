import Foundation

/// Converts XLSX workbooks with LibreOffice headless, as a real spreadsheet program reads and prints them.
enum LibreOffice {
    static let candidates = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
    static var executable: String? { candidates.first { FileManager.default.isExecutableFile(atPath: $0) } }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Converts every workbook (first sheet, UTF-8, comma-separated) and returns each one's CSV text.
    static func convertToCSV(_ workbooks: [String: Data]) throws -> [String: String] {
        // 44 = comma, 34 = quote, 76 = UTF-8, 1 = first line, cells as shown (9th token); the 12th picks sheet 1.
        try convert(workbooks, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1")
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Converts every workbook to PDF, as printing it would lay it out, and returns each one's bytes.
    static func convertToPDF(_ workbooks: [String: Data]) throws -> [String: Data] {
        try convert(workbooks, to: "pdf")
    }

    /// Converts every workbook with one run of LibreOffice headless to the `filter`'s format, and
    /// returns each converted file's bytes by workbook name.
    private static func convert(_ workbooks: [String: Data], to filter: String) throws -> [String: Data] {
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
        let out = folder.appendingPathComponent("out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments =
            [
                "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--norestore",
                "--convert-to", filter, "--outdir", out.path,
            ] + files
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let produced = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        var result: [String: Data] = [:]
        for name in workbooks.keys {
            // Some versions append the sheet name to the file when a sheet is chosen.
            let file =
                produced.first { ($0 as NSString).deletingPathExtension == name }
                ?? produced.first { $0.hasPrefix(name) }
            if let file, let data = try? Data(contentsOf: out.appendingPathComponent(file)) { result[name] = data }
        }
        return result
    }

    struct NotInstalled: Error, CustomStringConvertible {
        var description: String { "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui" }
    }
}

/// The pages of a PDF as LibreOffice writes them: counted by their page objects, sized by their
/// media boxes (in points).
struct PDFPages {
    var sizes: [(width: Double, height: Double)] = []
    var count: Int { sizes.count }

    init(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let page = try! Regex(
            #"/Type\s*/Page(?![s\w])[^>]*?/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)\s*\]"#)
        let anyPage = try! Regex(#"/Type\s*/Page(?![s\w])"#)
        let boxes = text.matches(of: page).compactMap { match -> (Double, Double)? in
            guard let width = match.output[1].substring.flatMap({ Double($0) }),
                let height = match.output[2].substring.flatMap({ Double($0) })
            else { return nil }
            return (width, height)
        }
        let count = text.matches(of: anyPage).count
        // A page without its own media box inherits the document's; take the first one seen.
        let fallback = boxes.first ?? (0, 0)
        sizes = (0..<count).map { $0 < boxes.count ? boxes[$0] : fallback }
    }
}

/// The text of each page of a PDF, by poppler's `pdftotext`.
enum PDFText {
    static let executable = "/usr/bin/pdftotext"

    struct NotInstalled: Error, CustomStringConvertible {
        var description: String { "pdftotext is not installed: apt-get install poppler-utils (bash .ci/setup --tests)" }
    }

    static func pages(of pdf: Data) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw NotInstalled() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-layout", file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // pdftotext ends every page with a form feed.
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}
