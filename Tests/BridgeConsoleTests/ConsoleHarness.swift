import BridgeApplication
import BridgeConfig
import BridgeConsole
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerSQLite
import NIOCore
import Testing

/// The example region's mapping files, an in-memory ledger with three staff accounts (admin,
/// registrar, viewer; every password `correct horse battery`) and the console over them.
struct ConsoleHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let password = "correct horse battery"
    /// 1 June 2026, noon in Moscow.
    static let now = Date(timeIntervalSince1970: 1_780_304_400)

    let mapping: RegionMapping
    let ledger: SQLiteLedger
    let server: ConsoleServer
    let now: Date

    init(
        ledger: SQLiteLedger? = nil, secureCookies: Bool = false, throttle: LoginThrottle = LoginThrottle(),
        port: Int = 0, now: Date = ConsoleHarness.now, connect: MoodleConnector? = nil
    ) async throws {
        self.now = now
        let configuration = try MappingLoader().load(directory: Self.root.appendingPathComponent("Mappings"))
            .configuration
        mapping = configuration.mapping
        let ledger = try ledger ?? SQLiteLedger()
        self.ledger = ledger
        for (login, role) in [("admin", "admin"), ("registrar", "registrar"), ("viewer", "viewer")] {
            guard try await ledger.staffMember(login: login) == nil else { continue }
            _ = try await AddStaff(staff: { ledger }, now: Self.now, cost: 4).run(
                .init(login: login, role: role, password: Self.password))
        }
        server = ConsoleServer(
            configuration: .init(
                mapping: mapping, connections: configuration.connections, ledger: ledger, staff: ledger, port: port,
                secureCookies: secureCookies, throttle: throttle, now: { now }, connect: connect))
    }

    /// Runs `body` against the console in process (no network), or on a loopback port (`.live`).
    func test<Value: Sendable>(
        _ setup: TestingSetup = .router, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await server.makeApplication().test(setup) { client in try await body(client) }
    }

    /// Imports a sheet as the registrar would from the command line.
    func importSheet(_ text: String, file: String = "march.csv") async throws -> ImportCreditSheet.Result {
        let ledger = self.ledger
        return try await ImportCreditSheet(mapping: mapping, ledger: { ledger }, now: now)
            .run(.init(path: file, contents: Array(text.utf8), operator: "petrova"))
    }
}

/// A browser's cookie jar and the forms it posts, over a test client.
struct ConsoleBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var headers: HTTPFields = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: requestHeaders())
        keep(response)
        return response
    }

    mutating func post(_ uri: String, form: [String: String]) async throws -> TestResponse {
        var headers = requestHeaders()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = form.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    mutating func upload(
        _ uri: String, file: String, contents: String, fields: [String: String]
    ) async throws
        -> TestResponse
    {
        let boundary = "----consoletest\(UUID().uuidString.prefix(8))"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"sheet\"; filename=\"\(file)\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(contents)\r\n--\(boundary)--\r\n"
        var headers = requestHeaders()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// Opens the sign-in page and signs in; returns the answer to the sign-in.
    @discardableResult
    mutating func signIn(_ login: String, password: String = ConsoleHarness.password) async throws -> TestResponse {
        let page = try await get("/login")
        let token = try #require(Self.field("csrf", in: String(buffer: page.body)))
        return try await post("/login", form: ["login": login, "password": password, "csrf": token])
    }

    /// The CSRF token of the session, read from a page's form.
    mutating func csrf() async throws -> String {
        let page = try await get("/")
        return try #require(Self.field("csrf", in: String(buffer: page.body)))
    }

    private func requestHeaders() -> HTTPFields {
        var fields = headers
        if !cookies.isEmpty {
            fields[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        return fields
    }

    private mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.lowercased().contains("max-age=0") {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The value of the hidden field `name` in an HTML page.
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
