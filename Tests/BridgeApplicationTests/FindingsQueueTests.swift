import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("Findings queue: what is new since the last visit, and whose centre")
struct FindingsQueueTests {
    static let north = Person(id: "P-FQ-NORTH", lastName: "Северова", firstName: "Анна", centre: "MMC-01")
    static let south = Person(id: "P-FQ-SOUTH", lastName: "Южина", firstName: "Вера", centre: "MMC-02")

    func revoked(_ person: Person, entry: String, site: SiteID) -> FindingObservation {
        FindingObservation(
            key: FindingKey(kind: .revocationFlagged, site: site, subject: .init(entry: EntryID(entry))),
            detail: LocalizedText(ru: "\(entry) отозван", en: "\(entry) revoked"), person: person.id)
    }

    @Test("the first visit counts every finding new; a later visit only those opened since; centres by name")
    func newCountAndCentres() async throws {
        let fixture = try Fixture()
        let site = fixture.mapping.sites[0].id
        _ = try await fixture.ledger.append(
            LedgerBatch(
                id: "fq-persons", kind: .sync, actor: "test", description: "persons of the queue",
                recordedAt: fixture.now, persons: [Self.north, Self.south]))
        _ = try await fixture.ledger.recordFindings(
            FindingSighting(
                site: site, run: "sync-1", at: fixture.now.addingTimeInterval(-86_400),
                findings: [revoked(Self.north, entry: "E1", site: site)], covered: []))
        _ = try await AddStaff(staff: fixture.staff, now: fixture.now, cost: 4)
            .run(.init(login: "ivanova", role: "registrar", password: "correct horse battery"))
        func queue(at now: Date) async throws -> FindingsQueue.Result {
            try await FindingsQueue(mapping: fixture.mapping, ledger: fixture.opener, staff: fixture.staff, now: now)
                .run(.init(login: "ivanova"))
        }

        let first = try await queue(at: fixture.now)
        #expect(first.lines.count == 1 && first.newCount == 1 && first.newSince == nil)
        let line = try #require(first.lines.first)
        #expect(first.centreName(of: line) == "ММЦ-01 Северный межмуниципальный методический центр")

        // A day later, one more finding: only it is new.
        let later = fixture.now.addingTimeInterval(86_400)
        _ = try await fixture.ledger.recordFindings(
            FindingSighting(
                site: site, run: "sync-2", at: later.addingTimeInterval(-3_600),
                findings: [revoked(Self.north, entry: "E1", site: site), revoked(Self.south, entry: "E2", site: site)],
                covered: []))
        let second = try await queue(at: later)
        #expect(second.lines.count == 2 && second.newCount == 1 && second.newSince == fixture.now)
        let fresh = try #require(second.lines.first { $0.isNew })
        #expect(fresh.finding.person == Self.south.id)
        #expect(second.centreName(of: fresh) == "ММЦ-02 Южный межмуниципальный методический центр")
        // A learner the mapping files place in no known centre has no centre name.
        var stranger = fresh
        stranger.centre = "MMC-99"
        #expect(second.centreName(of: stranger) == nil)
    }
}
