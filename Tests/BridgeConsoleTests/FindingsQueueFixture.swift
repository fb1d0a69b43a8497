import CreditCore
import Foundation
import LedgerSQLite

/// Three open findings of the example region, as two syncs recorded them: a learner of MMC-01 and a
/// learner of MMC-02 whose credits Moodle reports as revoked (site ripk), and an unmapped course of
/// the second site. The second sync ran a day after the first, the harness's day.
enum FindingsQueueFixture {
    static let north = Person(id: "P-FQ-NORTH", lastName: "Северова", firstName: "Анна", centre: "MMC-01")
    static let south = Person(id: "P-FQ-SOUTH", lastName: "Южина", firstName: "Вера", centre: "MMC-02")

    /// Records the findings; returns their ids: north, south, course.
    static func seed(_ ledger: SQLiteLedger, mapping: RegionMapping, now: Date) async throws -> (Int, Int, Int) {
        _ = try await ledger.append(
            LedgerBatch(
                id: "fq-persons", kind: .sync, actor: "test", description: "persons of the queue", recordedAt: now,
                persons: [north, south]))
        let first = mapping.sites[0].id
        let second = mapping.sites.count > 1 ? mapping.sites[1].id : first
        func revoked(_ person: Person, entry: String) -> FindingObservation {
            FindingObservation(
                key: FindingKey(kind: .revocationFlagged, site: first, subject: .init(entry: EntryID(entry))),
                detail: LocalizedText(ru: "Moodle сообщает, что \(entry) больше не завершён", en: "\(entry) revoked"),
                person: person.id)
        }
        let earlier = now.addingTimeInterval(-2 * 86_400)
        _ = try await ledger.recordFindings(
            FindingSighting(
                site: first, run: "sync-1", at: earlier, findings: [revoked(north, entry: "E1")], covered: []))
        _ = try await ledger.recordFindings(
            FindingSighting(
                site: first, run: "sync-2", at: now.addingTimeInterval(-3600),
                findings: [revoked(north, entry: "E1"), revoked(south, entry: "E2")], covered: []))
        _ = try await ledger.recordFindings(
            FindingSighting(
                site: second, run: "sync-2", at: now.addingTimeInterval(-3600),
                findings: [
                    FindingObservation(
                        key: FindingKey(kind: .unmappedCourse, site: second, subject: .init(course: "77")),
                        detail: LocalizedText(ru: "курс без модуля", en: "unmapped"), course: "EXTRA-77")
                ], covered: []))
        let all = try await ledger.findings(FindingFilter())
        let id = { (kind: FindingKind, person: PersonID?) in
            all.first { $0.key.kind == kind && $0.person == person }?.id ?? -1
        }
        return (id(.revocationFlagged, north.id), id(.revocationFlagged, south.id), id(.unmappedCourse, nil))
    }
}
