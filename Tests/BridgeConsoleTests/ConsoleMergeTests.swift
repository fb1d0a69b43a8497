import BridgeApplication
import CreditCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Possible duplicates and merges in the console, without a browser: the list, an administrator's
/// merge and unmerge, and a registrar refused.
@Suite("Console duplicates and merges")
struct ConsoleMergeTests {
    static let keep = "P-11223344595"
    static let other = "P-08765430300"

    /// Кузнецова Ирина Павловна twice, under two SNILS, with the same birth date: ICT-01 on one,
    /// OCH-MET-01 on the other, and both credited ICT-01.
    func twoKuznetsovas() async throws -> ConsoleHarness {
        let harness = try await ConsoleHarness()
        _ = try await harness.importSheet(
            """
            \(ConsolePagesTests.header)
            112-233-445 95;Кузнецова;Ирина;Павловна;ICT-01;20.03.2026
            087-654-303 00;Кузнецова;Ирина;Павловна;OCH-MET-01;14.03.2026
            087-654-303 00;Кузнецова;Ирина;Павловна;ICT-01;21.03.2026

            """)
        let ledger = harness.ledger
        for person in [Self.keep, Self.other] {
            _ = try await EditPerson(ledger: { ledger }, now: harness.now).run(
                .init(person: person, values: ["birth_date": "01.05.1980"], operator: "registrar"))
        }
        return harness
    }

    func hours(_ harness: ConsoleHarness) async throws -> [PersonID: Int] {
        Dictionary(
            try await harness.ledger.standingTotals().map { ($0.person, $0.hours.value) },
            uniquingKeysWith: { first, _ in first })
    }

    @Test("an administrator merges a possible duplicate from the list and undoes it from the card; totals come back")
    func mergeAndUnmerge() async throws {
        let harness = try await twoKuznetsovas()
        let before = try await hours(harness)
        #expect(before == [PersonID(Self.keep): 36, PersonID(Self.other): 72])
        try await harness.test { client in
            var admin = ConsoleBrowser(client)
            try await admin.signIn("admin")
            let list = String(buffer: try await admin.get("/duplicates").body)
            #expect(list.contains("id=\"duplicates\"") && list.contains(Self.keep) && list.contains(Self.other))
            #expect(list.contains("action=\"/persons/merge\""))
            let token = try await admin.csrf()
            let noReason = try await admin.post(
                "/persons/merge", form: ["csrf": token, "keep": Self.keep, "other": Self.other, "reason": " "])
            #expect(noReason.status == .badRequest)
            #expect(try await harness.ledger.personMerges().isEmpty)

            let merged = try await admin.post(
                "/persons/merge",
                form: ["csrf": token, "keep": Self.keep, "other": Self.other, "reason": "один педагог, два СНИЛС"])
            let page = String(buffer: merged.body)
            #expect(merged.status == .ok, "\(page)")
            #expect(page.contains("id=\"notice\"") && page.contains("id=\"merged-here\""))
            // ICT-01 counts once: 36 + 36 (OCH-MET-01), not 108.
            #expect(try await hours(harness)[PersonID(Self.keep)] == 72)
            // The search still finds the merged learner, and says whom they are merged into.
            let search = String(buffer: try await admin.get("/learners?q=" + ConsoleBrowser.encode("кузнецова")).body)
            #expect(search.contains("class=\"tag merged-into\"") && search.contains("href=\"/learners/\(Self.keep)\""))
            let otherCard = String(buffer: try await admin.get("/learners/\(Self.other)").body)
            #expect(otherCard.contains("id=\"merged-into\"") && otherCard.contains("id=\"unmerge-self\""))

            let undone = try await admin.post(
                "/persons/unmerge", form: ["csrf": token, "other": Self.other, "reason": "разные педагоги"])
            #expect(undone.status == .ok, "\(String(buffer: undone.body))")
            #expect(try await hours(harness) == before)
            let log = try await harness.ledger.personMerges()
            #expect(log.map(\.merge.kind) == [.merge, .unmerge] && log.allSatisfy { $0.merge.actor == "admin" })
        }
    }

    @Test("a registrar sees the list but no merge form, and a merge of theirs is refused")
    func registrarRefused() async throws {
        let harness = try await twoKuznetsovas()
        try await harness.test { client in
            var registrar = ConsoleBrowser(client)
            try await registrar.signIn("registrar")
            let list = String(buffer: try await registrar.get("/duplicates").body)
            #expect(list.contains(Self.other) && !list.contains("action=\"/persons/merge\""))
            let card = String(buffer: try await registrar.get("/learners/\(Self.keep)").body)
            #expect(!card.contains("id=\"merge-into-this\""))
            let token = try await registrar.csrf()
            let refused = try await registrar.post(
                "/persons/merge", form: ["csrf": token, "keep": Self.keep, "other": Self.other, "reason": "один"])
            #expect(refused.status == .forbidden)
            let session = try await client.execute(
                uri: "/duplicates", method: .get)
            #expect(session.status == .seeOther && session.headers[.location] == "/login")
        }
        #expect(try await harness.ledger.personMerges().isEmpty)
    }
}
