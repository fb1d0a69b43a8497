import CreditCore

/// Gathers the diagnostics of one load, so that every problem is reported, not just the first.
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ message: String, at location: SourceLocation?, key: String?) {
        diagnostics.append(.error(message, at: location, key: key))
    }

    func warning(_ message: String, at location: SourceLocation?, key: String?) {
        diagnostics.append(.warning(message, at: location, key: key))
    }

    func append(contentsOf more: [Diagnostic]) { diagnostics += more }
}
