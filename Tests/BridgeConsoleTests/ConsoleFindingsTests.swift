import BridgeApplication
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The reconciliation queue without a browser: it needs a session, a viewer reads it but may not
/// acknowledge, an acknowledgement needs the session's CSRF token and a reason, and the marks of
/// what is new follow the staff member's visits.
@Suite("Console reconciliation queue")
struct ConsoleFindingsTests {
    @Test("the queue and its form need a session")
    func needsSession() async throws {
        let harness = try await ConsoleHarness()
        _ = try await FindingsQueueFixture.seed(harness.ledger, mapping: harness.mapping, now: harness.now)
        try await harness.test { client in
            let page = try await client.execute(uri: "/findings", method: .get)
            #expect(page.status == .seeOther && page.headers[.location] == "/login")
            let form = try await client.execute(
                uri: "/findings/1/acknowledge", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=x&reason=seen"))
            #expect(form.status == .seeOther && form.headers[.location] == "/login")
        }
        #expect(try await harness.ledger.findings(FindingFilter(states: [.acknowledged])).isEmpty)
    }

    @Test("a viewer reads the queue but is refused acknowledging; a registrar needs the CSRF token and a reason")
    func roles() async throws {
        let harness = try await ConsoleHarness()
        let (north, south, _) = try await FindingsQueueFixture.seed(
            harness.ledger, mapping: harness.mapping, now: harness.now)
        try await harness.test { client in
            var viewer = ConsoleBrowser(client)
            try await viewer.signIn("viewer")
            let page = String(buffer: try await viewer.get("/findings").body)
            #expect(page.contains("id=\"finding-\(north)\"") && page.contains("Северова"))
            // Grouped by kind, each group headed with its label and count.
            #expect(page.contains("id=\"group-revocation-flagged\"") && page.contains("Зачёт отозван в Moodle ("))
            #expect(!page.contains("id=\"acknowledge-\(north)\""))
            let token = try await viewer.csrf()
            let refused = try await viewer.post(
                "/findings/\(north)/acknowledge", form: ["csrf": token, "reason": "seen"])
            #expect(refused.status == .forbidden)

            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            let forged = try await registrar.post("/findings/\(north)/acknowledge", form: ["csrf": "x", "reason": "y"])
            #expect(forged.status == .forbidden)
            let csrf = try await registrar.csrf()
            let empty = try await registrar.post("/findings/\(north)/acknowledge", form: ["csrf": csrf, "reason": " "])
            #expect(empty.status == .badRequest)
            #expect(try await harness.ledger.findings(FindingFilter(states: [.acknowledged])).isEmpty)

            let done = try await registrar.post(
                "/findings/\(north)/acknowledge",
                form: ["csrf": csrf, "reason": "the teacher confirms", "centre": "MMC-01"])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/findings?acknowledged=\(north)&centre=MMC-01")
            let after = String(buffer: try await registrar.get("/findings?centre=MMC-01").body)
            #expect(!after.contains("id=\"finding-\(north)\"") && !after.contains("id=\"finding-\(south)\""))
        }
        let acknowledged = try #require(try await harness.ledger.findings(FindingFilter(id: north)).first)
        #expect(acknowledged.state == .acknowledged)
        #expect(
            acknowledged.acknowledgement?.by == "registrar"
                && acknowledged.acknowledgement?.reason == "the teacher confirms")
    }

    @Test("filters by site and centre; marks what opened since the visit before, a visit lasting while one works")
    func filtersAndMarks() async throws {
        let harness = try await ConsoleHarness()
        let (north, south, course) = try await FindingsQueueFixture.seed(
            harness.ledger, mapping: harness.mapping, now: harness.now)
        let ledger = harness.ledger
        let queue = { (now: Date, site: String?, centre: String?) in
            try await FindingsQueue(mapping: harness.mapping, ledger: { ledger }, staff: { ledger }, now: now)
                .run(.init(login: "viewer", site: site, centre: centre))
        }
        // The first visit: everything is new.
        let first = try await queue(harness.now, nil, nil)
        #expect(Set(first.lines.map(\.finding.id)) == [north, south, course])
        let firstAllNew = first.lines.allSatisfy { $0.isNew }
        #expect(first.newSince == nil && firstAllNew)
        // Filtered ten minutes later: the same visit, the same marks.
        let byCentre = try await queue(harness.now.addingTimeInterval(600), nil, "MMC-02")
        #expect(byCentre.lines.map(\.finding.id) == [south])
        let allNew = byCentre.lines.allSatisfy { $0.isNew }
        #expect(allNew)
        let site = harness.mapping.sites[0].id.rawValue
        let bySite = try await queue(harness.now.addingTimeInterval(700), site, nil)
        #expect(Set(bySite.lines.map(\.finding.id)) == [north, south])
        // A day later, a new visit: nothing opened since the last one.
        let next = try await queue(harness.now.addingTimeInterval(86_400), nil, nil)
        #expect(next.newSince == harness.now.addingTimeInterval(700))
        let anyNew = next.lines.contains { $0.isNew }
        #expect(!anyNew)
        // An unknown centre is refused naming it.
        let error = await #expect(throws: ApplicationError.self) {
            try await queue(harness.now, nil, "MMC-99")
        }
        #expect(error?.message == "unknown centre MMC-99")
    }
}

@Suite("Dashboard: findings new since the last visit of the queue")
struct DashboardNewFindingsTests {
    @Test("the dashboard counts open findings new since the staff member's last queue visit, without counting a visit")
    func newSinceVisit() async throws {
        let harness = try await ConsoleHarness()
        _ = try await FindingsQueueFixture.seed(harness.ledger, mapping: harness.mapping, now: harness.now)
        let open = try await harness.ledger.findings(FindingFilter(states: [.open])).count
        #expect(open > 0)
        try await harness.test { client in
            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            // Never visited: every open finding is new, however often the dashboard is read.
            for _ in 0..<2 {
                let dashboard = String(buffer: try await registrar.get("/").body)
                #expect(dashboard.contains("id=\"new-findings\"") && dashboard.contains("<strong>\(open)</strong>"))
            }
            _ = try await registrar.get("/findings")
            let after = String(buffer: try await registrar.get("/").body)
            #expect(after.contains("<strong>0</strong>"))
        }
    }
}
