import Foundation
import Testing

@testable import MoodleClient

@Suite("Batching through tool_mobile_call_external_functions")
struct BatchTests {
    static let notEnrolled =
        #"{\"exception\":\"moodle_exception\",\"errorcode\":\"usernotenroled\",\"message\":\"User is not enrolled in this course\"}"#
    static let status =
        #"{\"completionstatus\":{\"completed\":true,\"aggregation\":1,\"completions\":[]},\"warnings\":[]}"#

    static func requests() -> [MoodleBatchRequest] {
        [(2, 4), (2, 30), (2, 5)].map { course, user in
            MoodleBatchRequest(
                MoodleFunction.getCourseCompletionStatus, ["courseid": .int(course), "userid": .int(user)])
        }
    }

    /// Answers like Moodle: executes sub-calls in order and stops after the first failure.
    static func moodleLike() -> StubTransport {
        StubTransport { request, _ in
            var items: [String] = []
            var index = 0
            while let arguments = request.argument("requests[\(index)][arguments]") {
                if arguments.contains(#""userid":30"#) {
                    items.append(#"{"error":true,"exception":"\#(notEnrolled)"}"#)
                    break
                }
                items.append(#"{"error":false,"data":"\#(status)"}"#)
                index += 1
            }
            return MoodleHTTPResponse(
                status: 200, body: Array(#"{"responses":[\#(items.joined(separator: ","))]}"#.utf8))
        }
    }

    @Test("arguments are sent as one JSON string per sub-request")
    func encoding() async throws {
        let transport = Self.moodleLike()
        let site = TestSites.site(transport)
        _ = try await site.callBatch(Self.requests())
        let first = try #require(transport.requests.first)
        #expect(first.wsFunction == MoodleFunction.callExternalFunctions)
        #expect(first.argument("requests[0][function]") == MoodleFunction.getCourseCompletionStatus)
        #expect(first.argument("requests[0][arguments]") == #"{"courseid":2,"userid":4}"#)
    }

    @Test("the unexecuted tail after a failing sub-call is sent again")
    func retriesTail() async throws {
        let transport = Self.moodleLike()
        let site = TestSites.site(transport)
        let results = try await site.callBatch(Self.requests(), as: MoodleCourseCompletionStatus.self)
        #expect(transport.requests.count == 2)
        #expect(try results[0].get().completed)
        #expect(throws: MoodleError.self) { try results[1].get() }
        if case .failure(let error) = results[1] {
            #expect(error.code == .notEnrolled)
            #expect(error.moodleErrorCode == "usernotenroled")
            #expect(error.wsFunction == MoodleFunction.getCourseCompletionStatus)
        }
        #expect(try results[2].get().completed)
        #expect(transport.requests[1].argument("requests[0][arguments]") == #"{"courseid":2,"userid":5}"#)
        #expect(site.requestCounts == [MoodleFunction.callExternalFunctions: 2])
    }

    @Test("without tail retry the rest is reported as not executed")
    func noTailRetry() async throws {
        let site = TestSites.site(Self.moodleLike())
        let results = try await site.callBatch(Self.requests(), retryUnexecuted: false)
        guard case .failure(let error) = results[2] else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .batchIncomplete)
    }

    @Test("batches are split by batchSize")
    func chunks() async throws {
        let transport = Self.moodleLike()
        let site = TestSites.site(transport)
        let requests = (1...7).map {
            MoodleBatchRequest(MoodleFunction.getCourseCompletionStatus, ["courseid": 2, "userid": .int(100 + $0)])
        }
        let results = try await site.callBatch(requests, batchSize: 3)
        #expect(transport.requests.count == 3)
        #expect(results.allSatisfy { (try? $0.get()) != nil })
    }

    @Test("a failure of the outer request is thrown")
    func outerFailure() async throws {
        let capture = try Fixtures.capture("errors/function_not_in_service")
        let site = TestSites.site(TestSites.replaying(capture))
        let error = await #expect(throws: MoodleError.self) { try await site.callBatch(Self.requests()) }
        #expect(error?.code == .accessDenied)
    }
}
