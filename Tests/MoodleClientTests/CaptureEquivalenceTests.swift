import Testing

@testable import MoodleClient

/// Every capture recorded in both formats must decode to the same typed value (or the same error).
@Suite("JSON and XML captures decode identically")
struct CaptureEquivalenceTests {
    /// Decodes a value as the function's model and returns it type-erased for comparison.
    typealias TypedDecoder = @Sendable (MoodleValue) throws -> any Equatable & Sendable

    static func typed<T: Decodable & Equatable & Sendable>(_ type: T.Type) -> TypedDecoder {
        { value in try MoodleValueDecoder().decode(type, from: value) }
    }

    static let models: [String: TypedDecoder] = [
        MoodleFunction.getSiteInfo: typed(MoodleSiteInfo.self),
        MoodleFunction.getCourses: typed([MoodleCourse].self),
        MoodleFunction.getCoursesByField: typed(MoodleCourseSearchResult.self),
        MoodleFunction.getCategories: typed([MoodleCategory].self),
        MoodleFunction.getEnrolledUsers: typed([MoodleEnrolledUser].self),
        MoodleFunction.getUsersCourses: typed([MoodleUserCourse].self),
        MoodleFunction.getCourseCompletionStatus: typed(MoodleCourseCompletionStatus.self),
        MoodleFunction.getActivitiesCompletionStatus: typed(MoodleActivitiesCompletionStatus.self),
        MoodleFunction.getUsersByField: typed([MoodleUser].self),
        MoodleFunction.getUsers: typed(MoodleUserSearchResult.self),
        MoodleFunction.getCohorts: typed([MoodleCohort].self),
        MoodleFunction.getCohortMembers: typed([MoodleCohortMembers].self),
        MoodleFunction.listReports: typed(MoodleReportList.self),
        MoodleFunction.retrieveReport: typed(MoodleReportPage.self),
        MoodleFunction.setReportFilters: typed(Bool.self),
        MoodleFunction.resetReportFilters: typed(Bool.self),
    ]

    static func pairedCaptures() throws -> [Capture] {
        try Fixtures.allCaptures().filter { $0.json != nil && $0.xml != nil }
    }

    static func interpret(_ response: Capture.Response, function: String) -> Result<MoodleValue, MoodleError> {
        let interpreter = ResponseInterpreter(redactor: Redactor(secret: TestSites.token))
        return Result { () throws(MoodleError) in try interpreter.interpret(response.http, wsFunction: function) }
            .map(removingVolatile)
    }

    /// The JSON and XML requests were made seconds apart: the token user's `_lastloaded`
    /// preference (a timestamp of the call itself, in `core_user_get_users/auth_manual_all`)
    /// differs between them, so it is left out of the comparison.
    static func removingVolatile(_ value: MoodleValue) -> MoodleValue {
        switch value {
        case .list(let items):
            return .list(items.filter { $0["name"] != .string("_lastloaded") }.map(removingVolatile))
        case .object(let fields):
            return .object(fields.mapValues(removingVolatile))
        default:
            return value
        }
    }

    @Test("at least 100 paired captures are present")
    func capturesArePresent() throws {
        #expect(try Self.pairedCaptures().count >= 100)
    }

    @Test("typed values are equal", arguments: try pairedCaptures())
    func typedValuesAreEqual(capture: Capture) throws {
        let json = Self.interpret(try #require(capture.json), function: capture.function)
        let xml = Self.interpret(try #require(capture.xml), function: capture.function)
        switch (json, xml) {
        case (.failure(let jsonError), .failure(let xmlError)):
            #expect(jsonError.code == xmlError.code)
            #expect(jsonError.moodleErrorCode == xmlError.moodleErrorCode)
            #expect(jsonError.moodleMessage == xmlError.moodleMessage)
            #expect(jsonError.exceptionClass == xmlError.exceptionClass)
        case (.success(let jsonValue), .success(let xmlValue)):
            guard let decode = Self.models[capture.function] else {
                // No typed model for this function: compare the normalised trees instead.
                #expect(Normalised(jsonValue) == Normalised(xmlValue))
                return
            }
            let fromJSON = try decode(jsonValue)
            let fromXML = try decode(xmlValue)
            #expect(
                isEqual(fromJSON, fromXML),
                "\(firstDifference(String(describing: fromJSON), String(describing: fromXML)))")
        default:
            Issue.record("formats disagree: JSON \(json), XML \(xml)")
        }
    }

    @Test("raw trees are equal after normalisation", arguments: try pairedCaptures())
    func normalisedTreesAreEqual(capture: Capture) throws {
        let json = Self.interpret(try #require(capture.json), function: capture.function)
        let xml = Self.interpret(try #require(capture.xml), function: capture.function)
        if case .success(let jsonValue) = json, case .success(let xmlValue) = xml {
            #expect(Normalised(jsonValue) == Normalised(xmlValue))
        }
    }

    /// Context around the first character where two renderings differ.
    private func firstDifference(_ lhs: String, _ rhs: String) -> String {
        let left = Array(lhs), right = Array(rhs)
        var index = 0
        while index < min(left.count, right.count), left[index] == right[index] { index += 1 }
        let from = max(0, index - 120)
        return
            "JSON …\(String(left[from..<min(left.count, index + 80)]))\nXML  …\(String(right[from..<min(right.count, index + 80)]))"
    }

    private func isEqual(_ lhs: any Equatable & Sendable, _ rhs: any Equatable & Sendable) -> Bool {
        func open<T: Equatable>(_ lhs: T) -> Bool { (rhs as? T) == lhs }
        return open(lhs)
    }
}

/// A format-neutral view of a tree: scalars as text (booleans as 1/0), and nulls, empty lists and
/// all-null objects removed, which is exactly what XML cannot distinguish.
struct Normalised: Equatable, CustomStringConvertible {
    indirect enum Node: Equatable {
        case scalar(String)
        case list([Node])
        case object([String: Node])
    }

    let node: Node?

    init(_ value: MoodleValue) { node = Self.normalise(value) }

    var description: String { String(describing: node) }

    static func normalise(_ value: MoodleValue) -> Node? {
        switch value {
        case .null: return nil
        case .string, .number, .bool:
            return .scalar(value.scalarText ?? "")
        case .list(let items):
            let nodes = items.map { normalise($0) ?? .scalar("") }
            return nodes.isEmpty ? nil : .list(nodes)
        case .object(let fields):
            let nodes = fields.compactMapValues(normalise)
            return nodes.isEmpty ? nil : .object(nodes)
        }
    }
}
