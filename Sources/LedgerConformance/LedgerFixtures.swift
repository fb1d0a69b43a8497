import CreditCore
import Foundation

/// Builders for readable ledger batches in the conformance cases.
public enum LedgerFixtures {
    public static let now = Date(timeIntervalSince1970: 1_780_000_000)

    public static func day(_ offset: Int) -> Date { now.addingTimeInterval(TimeInterval(offset) * 86_400) }

    public static func credit(
        _ person: String, _ module: String, hours: Int = 12, on day: Int = 0, form: StudyForm = .distance,
        key: String? = nil
    ) -> LedgerBatch.Draft {
        LedgerBatch.Draft(
            person: PersonID(person), module: ModuleID(module), hours: CreditHours(hours), form: form,
            occurredAt: LedgerFixtures.day(day), source: .moodle(site: "ripk", courseID: 2, userID: 4),
            idempotencyKey: key ?? "moodle/ripk/\(module)/\(person)")
    }

    public static func reversal(
        of entry: EntryID, _ person: String, _ module: String, hours: Int = 12
    )
        -> LedgerBatch.Draft
    {
        LedgerBatch.Draft(
            person: PersonID(person), module: ModuleID(module), hours: CreditHours(hours), form: .distance,
            kind: .reversal(of: entry), occurredAt: now,
            source: .manual(operator: "registrar", document: "order 7"), idempotencyKey: "reversal/\(entry)")
    }

    public static func batch(
        _ id: String, _ entries: [LedgerBatch.Draft], persons: [Person] = [], keys: [PersonKey] = [],
        cursors: [SyncCursor] = []
    ) -> LedgerBatch {
        LedgerBatch(
            id: BatchID(id), kind: .sync, actor: "ripk", description: "test batch \(id)", recordedAt: now,
            entries: entries, persons: persons, personKeys: keys, cursors: cursors)
    }

    public static func person(_ id: String, category: LearnerCategory = .teacher) -> Person {
        Person(id: PersonID(id), lastName: "Иванова", firstName: "Анна", category: category, centre: "MMC-01")
    }

    /// A certificate for route `route` of person p1, with two modules (credits E1 and E2) stored.
    public static func certificate(_ route: String, code: String? = nil) -> DocumentRequest {
        DocumentRequest(
            kind: .certificate, route: RouteID(route), person: "p1", hours: 72, issuedAt: now, year: 2026,
            content: DocumentContent(
                program: "PK-72-ICT", programTitle: "ИКТ-компетентность педагога (72 ч)", programHours: 72,
                completedAt: day(20),
                modules: [
                    DocumentModule(
                        module: "ICT-01", title: "Цифровые образовательные ресурсы", form: .distance, hours: 36,
                        occurredAt: day(-10), entry: "E1"),
                    DocumentModule(
                        module: "ICT-05", title: "Очный модуль", form: .inPerson, hours: 36, occurredAt: day(20),
                        entry: "E2"),
                ]),
            verificationCode: code)
    }
}
