import BridgeApplication
import BridgeConfig
import CreditCore
import Foundation
import MoodleClient
import Testing

@Suite("Site connector: where a site's token is read from")
struct SiteConnectorTests {
    func connection(_ token: SiteConnection.TokenSource, shared: Bool = false) -> SiteConnection {
        SiteConnection(
            site: SiteID("ripk"), baseURL: URL(string: "https://moodle.example.org")!, token: token,
            allowsSharedTokenFile: shared)
    }

    /// The error `body` throws, as it reads.
    func refusal(_ body: () throws -> MoodleToken) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("an environment variable: its value trimmed; unset or blank is refused naming the variable and the fix")
    func environment() throws {
        let source = SiteConnection.TokenSource.environment("MB_TEST_TOKEN_RIPK")
        let set = SiteConnector(environment: ["MB_TEST_TOKEN_RIPK": "  abc123 \n"])
        #expect(try set.token(for: connection(source)) == MoodleToken("abc123"))
        #expect(
            refusal { try SiteConnector(environment: [:]).token(for: connection(source)) }
                == "no web-service token for site 'ripk': the environment variable MB_TEST_TOKEN_RIPK is not set; "
                + "export MB_TEST_TOKEN_RIPK with the site's web-service token")
        let blank = refusal {
            try SiteConnector(environment: ["MB_TEST_TOKEN_RIPK": " \t"]).token(for: connection(source))
        }
        #expect(blank?.contains("the environment variable MB_TEST_TOKEN_RIPK is empty") == true)
    }

    @Test(
        "a token file: its first line; one others may read is refused unless the site allows it; never the token in the error"
    )
    func file() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-connector-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ripk.token").path
        try Data(" s3cret-token \nsecond line\n".utf8).write(to: URL(fileURLWithPath: path))
        let connector = SiteConnector(environment: [:])

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try connector.token(for: connection(.file(path))) == MoodleToken("s3cret-token"))

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let shared = refusal { try connector.token(for: connection(.file(path))) }
        #expect(
            shared
                == "no web-service token for site 'ripk': the file \(path) may be read by others (mode 644); "
                + "run `chmod 600 \(path)`, or say `readable_by_others: true` in the site's token if it must be shared")
        #expect(shared?.contains("s3cret") == false)
        #expect(try connector.token(for: connection(.file(path), shared: true)) == MoodleToken("s3cret-token"))

        let missing = folder.appendingPathComponent("none.token").path
        #expect(refusal { try connector.token(for: connection(.file(missing))) }?.contains("cannot be read") == true)
        let empty = folder.appendingPathComponent("empty.token").path
        try Data("\nnext\n".utf8).write(to: URL(fileURLWithPath: empty))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: empty)
        #expect(
            refusal { try connector.token(for: connection(.file(empty))) }?.hasSuffix(
                "is empty; write the site's web-service token on the first line of \(empty)") == true)
    }

    @Test(
        "a site check's connector answers quickly: one retry, short Retry-After waits, a timeout of at least a second")
    func forCheck() {
        let check = SiteConnector.forCheck(timeout: .seconds(10))
        #expect(check.timeout == .seconds(10))
        #expect(check.retry.maxAttempts == 2 && check.retry.maxRetryAfter == .seconds(5))
        #expect(check.retry.maxAttempts < MoodleRetryPolicy.standard.maxAttempts)
        #expect(SiteConnector.forCheck(timeout: .seconds(0)).timeout == .seconds(1))
        #expect(SiteConnector.forCheck(timeout: .seconds(-5)).timeout == .seconds(1))
    }
}
