import CreditReports
import Foundation

/// Keeps a report from overwriting what the bridge reads: the ledger and the files beside it (its
/// journal, lock and persons file), the mapping files, and any existing file that is not an earlier
/// report of the same kind (unless `--force`).
struct OutputGuard {
    /// Resolved paths that are never overwritten, and folders whose files are never overwritten.
    let protectedPrefixes: [String]
    let protectedFolders: [String]

    init(ledger: LedgerLocation?, mappings: String?) {
        protectedPrefixes = ledger.flatMap { $0.isPostgres ? nil : [Self.resolved($0.raw)] } ?? []
        protectedFolders = mappings.map { [Self.resolved($0)] } ?? []
    }

    /// Refuses to write `data`, a file of the report `kind` (named `name`), over `url`, with a message
    /// saying why.
    func check(_ url: URL, data: Data, name: String, kind: ReportKind, format: ReportFormat, force: Bool) throws {
        let path = Self.resolved(url.path)
        // The ledger file and its companions all start with its name.
        if let ledger = protectedPrefixes.first(where: { path.hasPrefix($0) }) {
            throw CLIError(
                "refusing to write the report over \(url.path): it is the ledger or a file beside it (\(ledger)); choose another --out"
            )
        }
        if let folder = protectedFolders.first(where: {
            URL(fileURLWithPath: path).deletingLastPathComponent().path == $0
        }),
            path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        {
            throw CLIError(
                "refusing to write the report over \(url.path): it is a mapping file (\(folder)); choose another --out")
        }
        guard !force, FileManager.default.fileExists(atPath: path) else { return }
        let existing = Self.read(path, upTo: format.bytesToRecognise)
        guard format.recognises(existing, asEarlierVersionOf: data, kind: kind) else {
            throw CLIError(
                "refusing to overwrite \(url.path): it is not an earlier \(name) report in \(format.rawValue); choose another --out, or pass --force to replace it"
            )
        }
    }

    /// The file's first `limit` bytes (all of it when nil); empty when it cannot be read.
    static func read(_ path: String, upTo limit: Int?) -> Data {
        guard let limit else { return (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data() }
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: limit)) ?? Data()
    }

    /// The path with symbolic links resolved (of its folder, when the file does not exist yet).
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
