import Foundation

/// Removes the token from any text that might end up in an error, a log line or a description.
///
/// Moodle does not echo the token today, but proxies and HTML error pages may echo request data,
/// so every piece of server text passes through here before it is stored.
struct Redactor: Sendable {
    static let placeholder = "[redacted]"
    private let secret: String

    init(secret: String) { self.secret = secret }

    func scrub(_ text: String) -> String {
        guard !secret.isEmpty, text.contains(secret) else { return text }
        return text.replacingOccurrences(of: secret, with: Self.placeholder)
    }
}
