import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Chromium and chromedriver on this machine, or why the browser tests cannot run.
enum BrowserTools {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let chromedriver = find("chromedriver")
    static let chromium = find("chromium") ?? find("chromium-browser")
    /// Run when both are there; under `CI=true` always, so that a missing browser fails CI.
    static let isEnabled = (chromedriver != nil && chromium != nil) || inCI
    static let skipReason: Comment =
        "chromium and chromedriver are not installed (apt-get install chromium chromium-driver, or bash .ci/setup --tests)"

    /// The two programs, or the failure CI reports when either is missing.
    static func require() throws -> (chromedriver: String, chromium: String) {
        guard let chromedriver, let chromium else {
            throw BrowserError(
                "chromium or chromedriver is missing under CI=true: CI must run the console's browser tests (.ci/setup --tests installs them)"
            )
        }
        return (chromedriver, chromium)
    }

    private static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin"])
            .map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

struct BrowserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A headless Chromium driven over the W3C WebDriver protocol (plain HTTP and JSON to chromedriver).
///
/// The HTTP client is HummingbirdTesting's (SwiftNIO): Foundation's URLSession on Linux refuses
/// chromedriver's answers, whose header lines have no space after the colon ("Failed writing header").
final class WebDriver: @unchecked Sendable {
    private let process: Process
    private let port: Int
    private(set) var session = ""
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Starts chromedriver on a free port and opens a browser session.
    init() async throws {
        let tools = try BrowserTools.require()
        let port = Int.random(in: 20_000...40_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: tools.chromedriver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.port = port
        var ready = false
        for _ in 0..<100 where !ready {
            if let status = try? await call("GET", "/status"), (status["ready"] as? Bool) == true {
                ready = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard ready else {
            kill(process.processIdentifier, SIGKILL)
            throw BrowserError("chromedriver did not start on port \(port)")
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": tools.chromium,
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--window-size=1280,900", "--lang=ru",
                        ],
                    ],
                    // A page that is still loading after a click is waited for, up to 10 s, as a
                    // person would wait, rather than searched at once.
                    "timeouts": ["implicit": 10_000, "pageLoad": 30_000],
                ]
            ]
        ]
        do {
            let opened = try await call("POST", "/session", capabilities)
            guard let id = opened["sessionId"] as? String else { throw BrowserError("chromedriver opened no session") }
            session = id
        } catch {
            kill(process.processIdentifier, SIGKILL)
            throw error
        }
    }

    /// Ends the browser session and stops chromedriver.
    func quit() async {
        _ = try? await call("DELETE", "/session/\(session)")
        process.terminate()
        for _ in 0..<30 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    func open(_ url: String) async throws { _ = try await call("POST", "/session/\(session)/url", ["url": url]) }

    func currentURL() async throws -> String { try await value("GET", "/session/\(session)/url") as? String ?? "" }

    /// The address once the page a click started has arrived at `expected` (a person waits for a
    /// redirect to finish), or the address after `seconds` if it never does.
    func url(becoming expected: String, within seconds: Double = 15) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var url = try await currentURL()
        while url != expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            url = try await currentURL()
        }
        return url
    }

    func source() async throws -> String { try await value("GET", "/session/\(session)/source") as? String ?? "" }

    /// The element a CSS selector finds.
    func element(_ selector: String) async throws -> String {
        let found = try await value(
            "POST", "/session/\(session)/element", ["using": "css selector", "value": selector])
        guard let element = (found as? [String: Any])?[Self.elementKey] as? String else {
            throw BrowserError("no element \(selector) on \(try await currentURL()): \(String(describing: found))")
        }
        return element
    }

    func text(_ selector: String) async throws -> String {
        let element = try await element(selector)
        return try await value("GET", "/session/\(session)/element/\(element)/text") as? String ?? ""
    }

    func type(_ selector: String, _ text: String) async throws {
        let element = try await element(selector)
        _ = try await call("POST", "/session/\(session)/element/\(element)/value", ["text": text])
    }

    func click(_ selector: String) async throws {
        let element = try await element(selector)
        _ = try await call("POST", "/session/\(session)/element/\(element)/click", [:])
    }

    /// Runs a script in the page, as a person with the browser's developer tools could.
    func run(_ script: String) async throws {
        _ = try await call("POST", "/session/\(session)/execute/sync", ["script": script, "args": []])
    }

    /// The text of an open alert dialog, or nil when none is open.
    func alertText() async -> String? {
        try? await value("GET", "/session/\(session)/alert/text") as? String
    }

    func deleteCookies() async throws { _ = try await call("DELETE", "/session/\(session)/cookie") }

    /// Sets the window's size (a printable page is taller than the default window).
    func resize(width: Int, height: Int) async throws {
        _ = try await call("POST", "/session/\(session)/window/rect", ["width": width, "height": height])
    }

    /// Prints the page to PDF on A4, as the print dialog would (the stylesheet's print rules apply),
    /// and saves it.
    func printPDF(to file: URL) async throws -> Data {
        let encoded =
            try await value(
                "POST", "/session/\(session)/print", ["page": ["width": 21.0, "height": 29.7], "background": false])
            as? String ?? ""
        guard let data = Data(base64Encoded: encoded) else { throw BrowserError("no PDF") }
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return data
    }

    /// Saves a PNG of the page.
    func screenshot(to file: URL) async throws {
        let encoded = try await value("GET", "/session/\(session)/screenshot") as? String ?? ""
        guard let data = Data(base64Encoded: encoded) else { throw BrowserError("no screenshot") }
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    private func value(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await call(method, path, body)["value"] ?? nil
    }

    /// One WebDriver command; a WebDriver error becomes a thrown ``BrowserError``.
    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        if ProcessInfo.processInfo.environment["WEBDRIVER_TRACE"] != nil {
            FileHandle.standardError.write(Data("webdriver: \(method) \(path)\n".utf8))
        }
        let payload = try body.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
        let request = TestClient.Request(
            path, method: HTTPRequest.Method(rawValue: method)!, authority: "127.0.0.1:\(port)",
            headers: [.contentType: "application/json"], body: payload)
        let port = self.port
        let response = try await TestClient.withClient(
            host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90))
        ) { client in try await client.execute(request) }
        let data = Data((response.body ?? ByteBuffer()).readableBytesView)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BrowserError("chromedriver answered \(method) \(path) with no JSON object")
        }
        if path == "/status" { return object["value"] as? [String: Any] ?? [:] }
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw BrowserError("\(method) \(path): \(error): \(value["message"] as? String ?? "")")
        }
        if path == "/session", let value = object["value"] as? [String: Any] { return value }
        return object
    }
}
