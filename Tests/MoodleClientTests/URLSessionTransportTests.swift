import Foundation
import Testing

@testable import MoodleClient

@Suite("Live URLSession transport on loopback")
struct URLSessionTransportTests {
    static func site(_ server: LoopbackHTTPServer, timeout: Duration = .seconds(10)) -> MoodleSite {
        var configuration = TestSites.configuration()
        configuration.baseURL = server.baseURL.appendingPathComponent("moodle")
        configuration.timeout = timeout
        return MoodleSite(configuration: configuration, transport: URLSessionTransport(maximumConnectionsPerHost: 2))
    }

    @Test("POSTs the form to server.php and decodes the answer")
    func roundTrip() async throws {
        let server = try LoopbackHTTPServer(
            .respond(status: 200, headers: ["Content-Type": "application/json"], body: #"[{"id":1,"name":"ММЦ-01"}]"#))
        defer { server.stop() }
        let cohorts = try await Self.site(server).cohorts(ids: [1])
        #expect(cohorts == [MoodleCohort(id: 1, name: "ММЦ-01")])
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("POST /moodle/webservice/rest/server.php HTTP/1.1\r\n"))
        #expect(request.lowercased().contains("content-type: application/x-www-form-urlencoded"))
        #expect(
            request.hasSuffix(
                "wstoken=\(TestSites.token)&wsfunction=core_cohort_get_cohorts&moodlewsrestformat=json&cohortids%5B0%5D=1"
            ))
    }

    @Test("status and headers reach the classifier (429 + Retry-After)")
    func statusAndHeaders() async throws {
        let server = try LoopbackHTTPServer(.respond(status: 429, headers: ["Retry-After": "9"], body: ""))
        defer { server.stop() }
        let error = await #expect(throws: MoodleError.self) { try await Self.site(server).siteInfo() }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfter == .seconds(9))
    }

    @Test("a redirect to another host is not followed: the token stays with the site")
    func redirectElsewhere() async throws {
        let elsewhere = try LoopbackHTTPServer(
            .respond(status: 200, headers: ["Content-Type": "application/json"], body: #"[]"#))
        defer { elsewhere.stop() }
        let server = try LoopbackHTTPServer(
            .respond(
                status: 307,
                headers: ["Location": "http://localhost:\(elsewhere.port)/moodle/webservice/rest/server.php"],
                body: ""))
        defer { server.stop() }
        let error = await #expect(throws: MoodleError.self) { try await Self.site(server).cohorts(ids: [1]) }
        #expect(error?.message.contains("a redirect to localhost") == true, "\(String(describing: error))")
        #expect(error?.isTransient == false)
        #expect(elsewhere.requests.isEmpty)
        #expect(!String(describing: error).contains(TestSites.token))
    }

    @Test("a redirect on the same host is followed")
    func redirectSameHost() async throws {
        let target = try LoopbackHTTPServer(
            .respond(status: 200, headers: ["Content-Type": "application/json"], body: #"[{"id":1,"name":"ММЦ-01"}]"#))
        defer { target.stop() }
        let server = try LoopbackHTTPServer(
            .respond(
                status: 307, headers: ["Location": "http://127.0.0.1:\(target.port)/moodle/webservice/rest/server.php"],
                body: ""))
        defer { server.stop() }
        let cohorts = try await Self.site(server).cohorts(ids: [1])
        #expect(cohorts == [MoodleCohort(id: 1, name: "ММЦ-01")])
        #expect(target.requests.count == 1)
    }

    @Test(
        "an answer past the size limit fails, whether its length is announced or not",
        arguments: [true, false])
    func responseTooLarge(announced: Bool) async throws {
        let body = "[" + Array(repeating: #"{"id":1,"name":"ММЦ-01"}"#, count: 400).joined(separator: ",") + "]"
        let server = try LoopbackHTTPServer(
            announced
                ? .respond(status: 200, headers: ["Content-Type": "application/json"], body: body)
                : .stream(body: body))
        defer { server.stop() }
        var configuration = TestSites.configuration()
        configuration.baseURL = server.baseURL.appendingPathComponent("moodle")
        configuration.maxResponseBytes = 4_000
        let site = MoodleSite(configuration: configuration, transport: URLSessionTransport())
        let error = await #expect(throws: MoodleError.self) { try await site.cohorts(ids: [1]) }
        #expect(error?.code == .responseTooLarge)
        #expect(error?.isTransient == false)
        #expect(error?.message.contains("core_cohort_get_cohorts grew past the limit of 4000 bytes") == true)
        // Within the limit the same answer is read whole.
        configuration.maxResponseBytes = body.utf8.count
        let cohorts = try await MoodleSite(configuration: configuration, transport: URLSessionTransport())
            .cohorts(ids: [1])
        #expect(cohorts.count == 400)
    }

    @Test("a server that never answers times out")
    func timeout() async throws {
        let server = try LoopbackHTTPServer(.hang)
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: MoodleError.self) {
            try await Self.site(server, timeout: .milliseconds(500)).siteInfo()
        }
        // Sub-second timeouts are rounded up to one second (corelibs truncates to whole seconds).
        #expect(ContinuousClock.now - started >= .milliseconds(900))
        #expect(error?.code == .timeout)
        #expect(error?.isTransient == true)
    }

    @Test("cancelling the task cancels the request")
    func cancellation() async throws {
        let server = try LoopbackHTTPServer(.hang)
        defer { server.stop() }
        let site = Self.site(server, timeout: .seconds(60))
        let task = Task { try await site.siteInfo() }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let started = ContinuousClock.now
        let result = await task.result
        // Ended by the cancellation, not by the minute's timeout (a wide margin: CI machines are busy).
        #expect(ContinuousClock.now - started < .seconds(30))
        guard case .failure(let error as MoodleError) = result else {
            Issue.record("expected a MoodleError, got \(result)")
            return
        }
        #expect(error.code == .cancelled)
    }

    @Test("an unreachable host is a transport error without the token")
    func unreachable() async throws {
        var configuration = TestSites.configuration()
        configuration.baseURL = URL(string: "http://127.0.0.1:9")!
        configuration.timeout = .seconds(5)
        let site = MoodleSite(configuration: configuration, transport: URLSessionTransport())
        let error = await #expect(throws: MoodleError.self) { try await site.siteInfo() }
        #expect(error?.code == .transport || error?.code == .timeout)
        #expect(error.map { !$0.debugDescription.contains(TestSites.token) } == true)
    }
}
