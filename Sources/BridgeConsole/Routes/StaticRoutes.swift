import Foundation
import Hummingbird

/// The stylesheet, the console's only static file.
enum StaticRoutes {
    static func add(to router: Router<ConsoleRequestContext>) {
        let css: String = {
            guard let url = Bundle.module.url(forResource: "console", withExtension: "css", subdirectory: "Static")
            else { return "" }
            return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }()
        router.get("/console.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: css)))
        }
    }
}
