import BridgeApplication
import CreditCore
import Foundation
import HummingbirdTesting
import LedgerSQLite
import Testing

/// The reconciliation queue in a real headless Chromium: a registrar opens it from the navigation,
/// filters by centre, acknowledges one finding with a reason, and it leaves the open list.
@Suite(
    "Console reconciliation queue in a browser", .enabled(if: BrowserTools.isEnabled, BrowserTools.skipReason),
    .serialized)
struct ConsoleFindingsBrowserTests {
    @Test("open the queue, filter by centre, acknowledge one with a reason: it leaves the open list")
    func acknowledge() async throws {
        _ = try BrowserTools.require()
        let harness = try await ConsoleHarness()
        let ids = try await FindingsQueueFixture.seed(harness.ledger, mapping: harness.mapping, now: harness.now)
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            let browser = try await WebDriver()
            do {
                try await walk(browser, site: "http://127.0.0.1:\(port)", harness: harness, ids: ids)
                await browser.quit()
            } catch {
                try? await browser.screenshot(
                    to: ConsoleBrowserTests.screenshots.appendingPathComponent("findings-failure.png"))
                await browser.quit()
                throw error
            }
        }
    }

    func walk(_ browser: WebDriver, site: String, harness: ConsoleHarness, ids: (Int, Int, Int)) async throws {
        let (north, south, course) = ids
        try await browser.open("\(site)/login")
        try await browser.type("#login", "registrar")
        try await browser.type("#password", ConsoleHarness.password)
        try await browser.click("#sign-in")
        #expect(try await browser.url(becoming: "\(site)/") == "\(site)/")

        // From the navigation: every open finding, each new on the first visit.
        try await browser.click("#nav-findings")
        #expect(try await browser.url(becoming: "\(site)/findings") == "\(site)/findings")
        let all = try await browser.text("#findings")
        #expect(all.contains("Северова") && all.contains("Южина") && all.contains("EXTRA-77"))
        #expect(try await browser.source().contains("id=\"finding-\(course)\""))
        #expect(try await browser.text("#finding-\(north) .new-mark") == "новое")
        try await browser.screenshot(to: ConsoleBrowserTests.screenshots.appendingPathComponent("findings-queue.png"))

        // Filter by centre: only the learner of MMC-01.
        try await browser.click("#filter-centre option[value=MMC-01]")
        try await browser.click("#filter")
        #expect(
            try await browser.url(becoming: "\(site)/findings?site=&centre=MMC-01")
                == "\(site)/findings?site=&centre=MMC-01")
        let filtered = try await browser.source()
        #expect(filtered.contains("id=\"finding-\(north)\""))
        #expect(!filtered.contains("id=\"finding-\(south)\"") && !filtered.contains("id=\"finding-\(course)\""))

        // Acknowledge it with a reason: it leaves the open list, the filter stays.
        try await browser.type("#reason-\(north)", "преподаватель подтвердил отзыв, зачёт сторнируем приказом")
        try await browser.click("#acknowledge-\(north)")
        #expect(
            try await browser.url(becoming: "\(site)/findings?acknowledged=\(north)&centre=MMC-01")
                == "\(site)/findings?acknowledged=\(north)&centre=MMC-01")
        #expect(try await browser.text("#acknowledged").contains("#\(north)"))
        #expect(try await browser.text("#no-findings") == "Открытых замечаний нет.")
        try await browser.screenshot(
            to: ConsoleBrowserTests.screenshots.appendingPathComponent("findings-acknowledged.png"))
        let acknowledged = try #require(try await harness.ledger.findings(FindingFilter(id: north)).first)
        #expect(acknowledged.state == .acknowledged && acknowledged.acknowledgement?.by == "registrar")

        // Unfiltered, the other two are still open.
        try await browser.open("\(site)/findings")
        let rest = try await browser.source()
        #expect(!rest.contains("id=\"finding-\(north)\""))
        #expect(rest.contains("id=\"finding-\(south)\"") && rest.contains("id=\"finding-\(course)\""))
    }
}
