import Foundation
import Hummingbird
import Mustache

/// The page templates (one per page, each extending `layout`), rendered to HTML answers.
///
/// Templates print data with `{{ }}` only, which escapes HTML: names and titles from Moodle or from
/// a sheet are shown as text, never as markup.
struct ConsolePages: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> ConsolePages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ConsoleSetupError("the console's templates are missing from its resources")
        }
        return ConsolePages(library: try await MustacheLibrary(directory: folder.path))
    }

    /// The page `template` rendered over `values`, as an HTML answer.
    ///
    /// Every list value `name` also gets `nameAny`, true when it holds something, for the templates'
    /// "show the table, or say there is none".
    func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        for (key, value) in values {
            if let list = value as? [Any] { values["\(key)Any"] = !list.isEmpty }
        }
        guard let html = library.render(values, withTemplate: template) else {
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "no template \(template)")))
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

struct ConsoleSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
