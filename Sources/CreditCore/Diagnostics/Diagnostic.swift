/// A problem found in configuration or input, with where it is.
///
/// Diagnostics are collected, not thrown: a check reports every problem at once.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The key path inside the file, e.g. `programs[1].modules[2]`.
    public var key: String?

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation? = nil,
        key: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.key = key
    }

    public static func error(_ message: String, at location: SourceLocation?, key: String? = nil) -> Self {
        Diagnostic(.error, message, at: location, key: key)
    }

    public static func warning(_ message: String, at location: SourceLocation?, key: String? = nil) -> Self {
        Diagnostic(.warning, message, at: location, key: key)
    }

    /// `file:line: error: [key] message`, the shape compilers use, so editors can jump to it.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        let keyPart = key.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(keyPart)\(message)"
    }
}

/// A place in a text file: its path and a 1-based line.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.file, lhs.line) < (rhs.file, rhs.line) }
}

extension [Diagnostic] {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// In file and line order, unlocated ones first.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): a.offset < b.offset
            case (nil, _): true
            case (_, nil): false
            case (let l?, let r?): l == r ? a.offset < b.offset : l < r
            }
        }.map(\.element)
    }
}
