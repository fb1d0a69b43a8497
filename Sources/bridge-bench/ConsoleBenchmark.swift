import BridgeApplication
import BridgeConfig
import BridgeConsole
import CreditCore
import CreditReports
import Foundation
import Hummingbird
import LedgerSQLite
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The web console over the scale ledger (the generator of `bridge-bench scale`): the console runs in
/// this process on a loopback port, a staff member signs in over HTTP, and the learner search, the
/// learner card and the dashboard are each asked many times; next to them, in the same run, the
/// certificates report of the same ledger through the `ExportReport` use case.
struct ConsoleBenchmark {
    var entries: Int
    var persons: Int
    var requests: Int
    /// Timed requests of the dashboard (each reads the whole ledger).
    var dashboardRequests: Int
    var warmups: Int
    var folder: URL
    var reuseLedger = false

    struct Figures: Encodable {
        var entries: Int
        var persons: Int
        var routes: Int
        var buildSeconds: Double
        var pages: [Page]
        /// `ExportReport` of the certificates report and its CSV files, in this process.
        var reportSeconds: Double
        var reportRows: Int
        /// Where the time goes: each page's use case called in this process (no HTTP, no template),
        /// and the ledger reads under the dashboard; the median of a few calls, in ms.
        var profile: [Step]
    }

    struct Step: Encodable {
        var step: String
        var medianMilliseconds: Double
    }

    struct Page: Encodable {
        var page: String
        var requests: Int
        var p50Milliseconds: Double
        var p95Milliseconds: Double
        var maxMilliseconds: Double
        var targetMilliseconds: Double
        var met: Bool
    }

    static let login = "bench"
    static let password = "bench password 2026"

    func run(progress: (String) -> Void) async throws -> Figures {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ledgerPath = folder.appendingPathComponent("console-ledger-\(entries)-\(persons).sqlite").path
        let reuse = reuseLedger && FileManager.default.fileExists(atPath: ledgerPath)
        if !reuse {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledgerPath + suffix) }
        }
        progress(reuse ? "reusing \(ledgerPath)…" : "building a ledger of \(entries) entries, \(persons) persons…")
        let ledger = try SQLiteLedger(path: ledgerPath)
        let held = try await ledger.entryCount()
        guard !reuse || held == entries else {
            throw BenchError("\(ledgerPath) holds \(held) entries, not \(entries); run without --reuse-ledger")
        }
        let persons = self.persons
        let buildSeconds =
            reuse
            ? 0
            : try await time {
                try await LedgerBenchmark.appendPersons(to: ledger, count: persons)
                try await LedgerBenchmark.appendGenerated(
                    entries, batchSize: 10_000, prefix: "s", persons: persons, to: ledger)
                try await ledger.openRoutes(ScaleBenchmark.routes(persons: persons))
            }
        if try await ledger.staffMember(login: Self.login) == nil {
            _ = try await AddStaff(staff: { ledger }, cost: 10).run(
                .init(login: Self.login, role: "viewer", password: Self.password))
        }
        let mapping = ScaleBenchmark.mapping(entries: entries, persons: persons)

        progress("the certificates report (ExportReport, CSV)…")
        var rows = 0
        let reportSeconds = try await time {
            let report = try await ExportReport(
                configuration: RegionConfiguration(mapping: mapping), ledger: { ledger }
            ).run(.init(kind: .certificates))
            let files = try ReportFormat.csv.files(report.table, name: "certificates")
            rows = report.table.rows.count
            guard !files.isEmpty else { throw BenchError("the certificates report wrote no file") }
        }

        progress("starting the console on a loopback port…")
        var logger = Logger(label: "bridge-bench.console")
        logger.logLevel = .critical
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = ConsoleServer(
            configuration: .init(mapping: mapping, ledger: ledger, staff: ledger, address: "127.0.0.1", port: 0))
        let application = try await server.makeApplication(logger: logger) { port in portSink.yield(port) }
        let serverTask = Task { try await application.runService() }
        defer { serverTask.cancel() }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        guard port > 0 else { throw BenchError("the console did not start") }
        let client = ConsoleClient(base: URL(string: "http://127.0.0.1:\(port)")!)
        try await client.signIn(login: Self.login, password: Self.password)

        var random = SystemRandomNumberGenerator()
        let searches = (0..<(warmups + requests)).map { _ in
            // Three digits: "Фамилия123" matches P123, P1230…P1239 and P12300…P12399.
            "Фамилия\(Int.random(in: 100...999, using: &random))"
        }
        let cards = (0..<(warmups + requests)).map { _ in "P\(Int.random(in: 0..<persons, using: &random))" }

        progress("learner search, \(requests) requests…")
        let search = try await measure("learner search", target: 50) { index in
            try await client.get("/learners?q=" + ConsoleClient.encode(searches[index]), expect: "/learners/P")
        }
        progress("learner card, \(requests) requests…")
        let card = try await measure("learner card", target: 50) { index in
            try await client.get("/learners/" + cards[index], expect: cards[index])
        }
        progress("dashboard, \(dashboardRequests) requests…")
        let dashboard = try await measure("dashboard", target: 200, requests: dashboardRequests) { _ in
            try await client.get("/", expect: "<dd id=\"count-persons\">\(persons)</dd>")
        }
        progress("profiling the use cases in process…")
        let opener: LedgerOpener = { ledger }
        let index = LearnerIndex()
        let profile = [
            try await median("SearchLearners.run (the console's kept index)") { index_ in
                _ = try await SearchLearners(ledger: opener, index: index).run(query: searches[index_])
            },
            try await median("— SearchLearners.run with a new index (the registry read and folded)") { index_ in
                _ = try await SearchLearners(ledger: opener).run(query: searches[index_])
            },
            try await median("LearnerCard.run") { index in
                _ = try await LearnerCard(mapping: mapping, ledger: opener).run(person: cards[index])
            },
            try await median("ConsoleDashboard.run") { _ in
                _ = try await ConsoleDashboard(mapping: mapping, ledger: opener).run()
            },
            try await median("— ledger.persons()") { _ in _ = try await ledger.persons() },
            try await median("— ledger.routes(person: nil)") { _ in _ = try await ledger.routes(person: nil) },
            try await median("— ledger.documents()") { _ in _ = try await ledger.documents() },
            try await median("— ledger.standingCredits(person: nil)") { _ in
                _ = try await ledger.standingCredits(person: nil)
            },
            try await median("— LedgerSnapshot.read") { _ in _ = try await LedgerSnapshot.read(from: ledger) },
        ]
        return Figures(
            entries: entries, persons: persons, routes: persons, buildSeconds: buildSeconds,
            pages: [search, card, dashboard], reportSeconds: reportSeconds, reportRows: rows, profile: profile)
    }

    /// The median of five calls of `work`.
    private func median(_ step: String, _ work: (Int) async throws -> Void) async throws -> Step {
        var samples: [Double] = []
        for index in 0..<5 { samples.append(try await time { try await work(index) } * 1_000) }
        samples.sort()
        return Step(step: step, medianMilliseconds: samples[2])
    }

    /// `warmups` untimed requests, then `requests` timed ones.
    private func measure(
        _ page: String, target: Double, requests: Int? = nil, _ request: (Int) async throws -> Void
    ) async throws -> Page {
        let requests = requests ?? self.requests
        for index in 0..<warmups { try await request(index) }
        var samples: [Double] = []
        for index in warmups..<(warmups + requests) {
            samples.append(try await time { try await request(index) } * 1_000)
        }
        samples.sort()
        let p95 = samples[min(samples.count - 1, samples.count * 95 / 100)]
        return Page(
            page: page, requests: requests, p50Milliseconds: samples[samples.count / 2], p95Milliseconds: p95,
            maxMilliseconds: samples.last!, targetMilliseconds: target, met: p95 < target)
    }
}

/// A signed-in browser over URLSession: the session cookie kept by hand, redirects not followed.
final class ConsoleClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let base: URL
    private var cookies: [String: String] = [:]
    private lazy var session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }()

    init(base: URL) { self.base = base }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    /// Opens the sign-in page, takes its form token, posts the form and keeps the session cookie.
    func signIn(login: String, password: String) async throws {
        let (page, _) = try await send(URLRequest(url: base.appendingPathComponent("login")))
        guard let range = page.range(of: "name=\"csrf\" value=\""),
            let end = page[range.upperBound...].firstIndex(of: "\"")
        else { throw BenchError("the sign-in page has no form token") }
        let token = String(page[range.upperBound..<end])
        var request = URLRequest(url: base.appendingPathComponent("login"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let form = ["login": login, "password": password, "csrf": token]
        request.httpBody = Data(form.map { "\($0.key)=\(Self.encode($0.value))" }.joined(separator: "&").utf8)
        let (_, status) = try await send(request)
        guard status == 303 || status == 302, cookies["mb_session"] != nil else {
            throw BenchError("signing in as \(login) failed: HTTP \(status)")
        }
    }

    /// GETs `path` and checks the answer is 200 and holds `expect`.
    func get(_ path: String, expect: String) async throws {
        let (body, status) = try await send(URLRequest(url: URL(string: base.absoluteString + path)!))
        guard status == 200, body.contains(expect) else {
            throw BenchError("GET \(path): HTTP \(status), \(body.contains(expect) ? "" : "no '\(expect)' in the page")")
        }
    }

    private func send(_ request: URLRequest) async throws -> (String, Int) {
        var request = request
        if !cookies.isEmpty {
            request.setValue(
                cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                forHTTPHeaderField: "Cookie")
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw BenchError("not an HTTP answer") }
        if let header = http.value(forHTTPHeaderField: "Set-Cookie") {
            for name in ["mb_session", "mb_login"] {
                guard let start = header.range(of: "\(name)=") else { continue }
                let value = header[start.upperBound...].prefix { $0 != ";" && $0 != "," }
                cookies[name] = value.isEmpty ? nil : String(value)
            }
        }
        return (String(decoding: data, as: UTF8.self), http.statusCode)
    }

    static func encode(_ text: String) -> String {
        // ASCII only: the letters of other alphabets are percent-encoded as UTF-8.
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
