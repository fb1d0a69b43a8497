import Foundation

extension ReportFormat {
    /// How much of an existing file ``recognises(_:asEarlierVersionOf:kind:)`` needs: a CSV file's
    /// first line is in its first 64 KiB; nil: the whole file.
    public var bytesToRecognise: Int? { self == .csv ? 65_536 : nil }

    /// Whether `existing` (the bytes of a file about to be replaced by `new`) is an earlier version
    /// of the same report in this format, and so may be overwritten without asking.
    ///
    /// CSV: its header row is the new file's (with either separator); JSON: its `report` is `kind`;
    /// XLSX: the workbook's mark names `kind` (``XLSXReportWriter/reportKind(of:)``).
    public func recognises(_ existing: Data, asEarlierVersionOf new: Data, kind: ReportKind) -> Bool {
        switch self {
        case .csv:
            let old = Self.firstLine(existing), fresh = Self.firstLine(new)
            guard !old.isEmpty else { return false }
            return old == fresh || Self.swappingSeparators(old) == fresh
        case .json:
            guard let object = try? JSONSerialization.jsonObject(with: existing) as? [String: Any] else { return false }
            return object["report"] as? String == kind.rawValue
        case .xlsx:
            return XLSXReportWriter.reportKind(of: existing) == kind
        }
    }

    private static func firstLine(_ data: Data) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return String(decoding: bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
    }

    private static func swappingSeparators(_ line: String) -> String {
        String(line.map { $0 == ";" ? "," : $0 == "," ? ";" : $0 })
    }
}
