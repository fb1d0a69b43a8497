import Foundation
import Logging
import Testing

@testable import MoodleClient

@Suite("Error classification")
struct ErrorHandlingTests {
    @Test("each failure is classified with a stable code", arguments: try ErrorCase.all())
    func classification(errorCase: ErrorCase) async throws {
        let site = TestSites.site(StubTransport { _, _ in try errorCase.respond() })
        do {
            _ = try await site.call("core_webservice_get_site_info")
            Issue.record("expected \(errorCase.expected)")
        } catch let error as MoodleError {
            #expect(error.code == errorCase.expected, "\(error.debugDescription)")
            #expect(error.isTransient == errorCase.transient)
            #expect(error.wsFunction == "core_webservice_get_site_info")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("verbatim Moodle error code, message and class are kept")
    func verbatimFields() async throws {
        let capture = try Fixtures.capture("errors/token_of_suspended_user")
        let site = TestSites.site(TestSites.replaying(capture))
        let error = await #expect(throws: MoodleError.self) { try await site.siteInfo() }
        #expect(error?.moodleErrorCode == "wsaccessusersuspended")
        #expect(error?.moodleMessage == "Refused web service access for suspended username: sergeev.nv010")
        #expect(error?.exceptionClass == "core\\exception\\moodle_exception")
        #expect(error?.description.contains("userSuspended") == true)
    }

    @Test("debuginfo is kept (scrubbed) when the site sends it")
    func debugInfo() async throws {
        let body =
            #"{"exception":"webservice_access_exception","errorcode":"accessexception","#
            + #""message":"Access control exception","debuginfo":"Invalid token - token expired \#(TestSites.token)"}"#
        let site = TestSites.site(StubTransport(body: body))
        let error = await #expect(throws: MoodleError.self) { try await site.siteInfo() }
        #expect(error?.debugInfo == "Invalid token - token expired [redacted]")
        #expect(error?.debugDescription.contains("token expired") == true)
    }

    @Test("429 and 503 carry Retry-After")
    func retryAfter() async throws {
        let site = TestSites.site(StubTransport(status: 429, headers: ["Retry-After": "7"], body: ""))
        let error = await #expect(throws: MoodleError.self) { try await site.siteInfo() }
        #expect(error?.retryAfter == .seconds(7))
    }

    @Test("an error value inside a successful list is not mistaken for an exception")
    func listIsNotException() async throws {
        let capture = try Fixtures.capture("errors/invalid_option_name")
        let site = TestSites.site(TestSites.replaying(capture))
        #expect(try await site.call(capture.function).scalarText == nil)
    }

    @Test("a missing function in site info is reported as functionNotAvailable")
    func functionNotAvailable() async throws {
        let capture = try Fixtures.capture("core_webservice_get_site_info/default")
        let site = TestSites.site(TestSites.replaying(capture))
        try await site.requireFunctions([MoodleFunction.getEnrolledUsers])
        let error = await #expect(throws: MoodleError.self) {
            try await site.requireFunctions(["local_bridge_get_completions"])
        }
        #expect(error?.code == .functionNotAvailable)
    }

    @Test("a decoding mismatch is reported as decoding")
    func decodingError() async throws {
        let site = TestSites.site(StubTransport(body: #"{"unexpected":true}"#))
        let error = await #expect(throws: MoodleError.self) { try await site.courses() }
        #expect(error?.code == .decoding)
    }
}

@Suite("The token never leaks")
struct TokenRedactionTests {
    @Test("no error text or log line contains the token")
    func tokenNeverAppears() async throws {
        let store = InMemoryLogHandler.Store()
        let logger = Logger(label: "redaction") { _ in InMemoryLogHandler(store: store) }
        var texts: [String] = []
        let retry = MoodleRetryPolicy(maxAttempts: 2, random: { 0.5 })
        for errorCase in try ErrorCase.all() {
            let transport = StubTransport { _, _ in try errorCase.respond() }
            let site = TestSites.site(transport, retry: retry, logger: logger)
            do {
                _ = try await site.siteInfo()
            } catch let error as MoodleError {
                texts += [
                    error.description, error.debugDescription, String(describing: error), String(reflecting: error),
                    error.message, error.moodleMessage ?? "", error.cause.map { String(describing: $0) } ?? "",
                ]
            } catch {
                texts.append(String(describing: error))
            }
            for request in transport.requests {
                texts += [request.description, request.debugDescription, String(describing: request.arguments)]
            }
        }
        let configuration = TestSites.configuration()
        texts += [String(describing: configuration), String(reflecting: configuration), "\(configuration.token)"]
        let lines = store.all
        #expect(!lines.isEmpty)
        #expect(lines.contains { $0.contains("moodle.wsfunction=core_webservice_get_site_info") })
        for text in texts + lines {
            #expect(!text.contains(TestSites.token), "token leaked in: \(text)")
        }
    }
}

@Suite("Error codes in patterns")
struct ErrorPatternTests {
    @Test("a MoodleError can be switched over by code")
    func switchByCode() {
        let error = MoodleError(code: .notEnrolled, message: "m")
        switch error {
        case MoodleError.Code.notEnrolled: break
        default: Issue.record("pattern did not match")
        }
        #expect(error.isTransient == false)
        #expect(MoodleError(code: .httpStatus, message: "m", httpStatus: 503).isTransient)
        #expect(!MoodleError(code: .httpStatus, message: "m", httpStatus: 404).isTransient)
    }
}
