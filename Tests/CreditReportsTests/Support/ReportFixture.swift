import BridgeConfig
import CreditCore
import CreditReports
import Foundation
import LedgerSQLite

/// A small fixed ledger over the example region's mappings: four learners, one completed free-choice
/// route, one completed trajectory, one expired route (with a reversed credit) and one open route;
/// certificates and a statement issued on 02.02.2026.
struct ReportFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let asOf = date("2026-02-02")

    let ledger: SQLiteLedger
    let snapshot: LedgerSnapshot
    let context: ReportContext

    static func date(_ day: String, hour: Int = 12) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        let parts = day.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: hour))!
    }

    static func snils(_ nine: String) -> SNILS {
        try! SNILS(parsing: nine + SNILS.checksum(ofFirstNine: nine))
    }

    static func mapping() throws -> RegionMapping {
        try MappingLoader().load(directory: root.appendingPathComponent("Mappings")).mapping
    }

    static let ivanova = Person(
        id: "P-0001", lastName: "Иванова", firstName: "Анна", middleName: "Сергеевна", snils: snils("123456789"),
        email: "ivanova@school1.example.ru", category: .teacher, centre: "MMC-01")
    static let petrov = Person(
        id: "P-0002", lastName: "Петров", firstName: "Николай", middleName: "Андреевич", snils: snils("234567891"),
        category: .methodist, centre: "MMC-02")
    static let sidorova = Person(
        id: "P-0003", lastName: "Сидорова", firstName: "Мария", snils: snils("345678912"), category: .teacher,
        centre: "MMC-01")
    static let kuznetsova = Person(
        id: "P-OCH-0001", lastName: "Кузнецова", firstName: "Ирина", middleName: "Павловна",
        snils: try! SNILS(parsing: "112-233-445 95"), category: .methodist, centre: "MMC-01")

    /// Builds the fixture (in memory unless `ledger` is given); `mapping` lets a test change a module's title;
    /// without `issueDocuments` no certificate or statement is issued yet.
    static func make(
        mapping override: RegionMapping? = nil, ledger file: SQLiteLedger? = nil, issueDocuments: Bool = true
    ) async throws -> ReportFixture {
        let mapping = try override ?? mapping()
        let ledger = try file ?? SQLiteLedger()
        func credit(
            _ person: Person, _ module: ModuleID, _ day: String, _ source: EntrySource, key: String
        ) -> LedgerBatch.Draft {
            let known = mapping.module(module)!
            return LedgerBatch.Draft(
                person: person.id, module: module, hours: known.hours, form: known.form, occurredAt: date(day),
                source: source, idempotencyKey: key)
        }
        let persons = [ivanova, petrov, sidorova, kuznetsova]
        _ = try await ledger.append(
            LedgerBatch(
                id: "sync-1", kind: .sync, actor: "ripk", description: "fixture sync", recordedAt: date("2026-01-25"),
                entries: [
                    credit(
                        ivanova, "ICT-01", "2025-09-15", .moodle(site: "ripk", courseID: 101, userID: 11), key: "k1"),
                    credit(ivanova, "VOS-01", "2025-10-10", .moodle(site: "north", courseID: 7, userID: 5), key: "k2"),
                    credit(ivanova, "ICT-01", "2025-10-20", .moodle(site: "north", courseID: 3, userID: 5), key: "k3"),
                    credit(petrov, "ICT-01", "2025-10-01", .moodle(site: "ripk", courseID: 101, userID: 12), key: "k4"),
                    credit(petrov, "ICT-05", "2025-11-03", .moodle(site: "ripk", courseID: 105, userID: 12), key: "k5"),
                    credit(petrov, "ICT-03", "2025-12-08", .moodle(site: "ripk", courseID: 103, userID: 12), key: "k6"),
                    credit(
                        sidorova, "ICT-02", "2025-06-03", .moodle(site: "ripk", courseID: 102, userID: 13), key: "k7"),
                    credit(
                        sidorova, "ICT-06", "2025-06-20", .moodle(site: "ripk", courseID: 106, userID: 13), key: "k8"),
                ],
                persons: persons,
                personKeys: persons.map { PersonKey(kind: .snils, value: $0.snils!.digits, person: $0.id) }))
        _ = try await ledger.append(
            LedgerBatch(
                id: "sheet-1", kind: .sheetImport, actor: "registrar", description: "fixture sheet",
                recordedAt: date("2026-01-26"),
                entries: [
                    credit(
                        ivanova, "SEM-RUS-01", "2025-11-05", .sheet(file: "seminars-2025-11.csv", row: 2), key: "k9"),
                    credit(
                        ivanova, "ICT-04", "2025-11-20", .manual(operator: "Петрова Е.А.", document: "ведомость 41/25"),
                        key: "k10"),
                    credit(
                        sidorova, "SEM-MAT-01", "2025-05-12", .sheet(file: "seminars-2025-05.csv", row: 4), key: "k11"),
                    credit(kuznetsova, "OCH-MET-01", "2026-01-20", .sheet(file: "och-2026-01.csv", row: 2), key: "k12"),
                ]))
        // Sidorova's ICT-06 credit was withdrawn.
        let withdrawn = try await ledger.entries(person: sidorova.id).first { $0.module == "ICT-06" }!
        _ = try await ledger.append(
            LedgerBatch(
                id: "manual-1", kind: .manual, actor: "Петрова Е.А.", description: "reversal",
                recordedAt: date("2026-01-27"),
                entries: [
                    LedgerBatch.Draft(
                        person: sidorova.id, module: "ICT-06", hours: 2, form: .distance,
                        kind: .reversal(of: withdrawn.id),
                        occurredAt: date("2026-01-27"), source: .manual(operator: "Петрова Е.А.", document: "приказ 3"),
                        idempotencyKey: "k13")
                ]))

        let routes = [
            mapping.program("PK-72")!.openRoute(
                id: "R-0001", for: ivanova.id, start: date("2025-09-01", hour: 0), calendar: calendar),
            mapping.program("PK-72-ICT")!.openRoute(
                id: "R-0002", for: petrov.id, start: date("2025-09-20", hour: 0), calendar: calendar),
            mapping.program("PK-72")!.openRoute(
                id: "R-0003", for: sidorova.id, start: date("2025-04-01", hour: 0), calendar: calendar),
            mapping.program("PK-72-MMC")!.openRoute(
                id: "R-0004", for: kuznetsova.id, start: date("2026-01-10", hour: 0), calendar: calendar),
        ]
        try await ledger.openRoutes(routes)
        let entries = try await ledger.entries(person: nil)
        try await ledger.recordVerdicts(
            routes.map { route in
                RouteVerdict(
                    Accumulator(program: mapping.program(route.program)!).progress(
                        of: route, entries: entries, asOf: asOf))
            })
        let context = ReportContext(mapping: mapping, timeZone: moscow, asOf: asOf)
        let before = try await LedgerSnapshot.read(from: ledger)
        guard issueDocuments else { return ReportFixture(ledger: ledger, snapshot: before, context: context) }
        let planner = DocumentPlanner()
        // Fixed verification codes, so that the golden files hold them.
        let requests =
            (planner.requests(.certificate, snapshot: before, context: context)
            + planner.requests(.statement, snapshot: before, context: context)).enumerated().map { index, request in
                var coded = request
                coded.verificationCode = "K7M2Q9XW4\(VerificationCode.alphabet[index])"
                return coded
            }
        _ = try await ledger.issueDocuments(requests)
        return ReportFixture(ledger: ledger, snapshot: try await LedgerSnapshot.read(from: ledger), context: context)
    }

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        return calendar
    }

    /// The registrar's persons file: Ivanova complete, Petrov without a birth date.
    static let personsCSV = """
        person_id;snils;birth_date;sex;education_level;diploma_last_name;diploma_series;diploma_number;citizenship
        P-0001;123-456-789 \(SNILS.checksum(ofFirstNine: "123456789"));14.03.1985;ж;Высшее образование;Смирнова;1077;0456789;643
        P-0002;;;м;Высшее образование;Петров;;1234567;

        """

    /// Differences a sync could find, one of each kind.
    static let reconciliationItems = [
        ReconciliationItem(
            kind: .notYetCredited, site: "ripk", courseID: 104, courseName: "Информационная безопасность",
            userID: 11, userName: "Иванова Анна", person: "P-0001", module: "ICT-04", hours: 4,
            detail: LocalizedText("завершён 18.01.2026")),
        ReconciliationItem(
            kind: .revocationFlagged, site: "north", courseID: 7, courseName: "КЛРУК-24", userID: 5,
            userName: "ivanova@school1.example.ru", person: "P-0001", module: "VOS-01", hours: 24,
            detail: LocalizedText("Moodle: not complete since 20.01.2026")),
        ReconciliationItem(
            kind: .hoursMismatch, site: "ripk", courseID: 103, person: "P-0002", module: "ICT-03", hours: 12,
            detail: LocalizedText("ledger 12 h, mapping 18 h")),
        ReconciliationItem(
            kind: .unmappedCourse, site: "ripk", courseID: 240, courseName: "=HYPERLINK(\"http://evil\",\"x\")",
            detail: LocalizedText("3 completions")),
        ReconciliationItem(
            kind: .unmatchedUser, site: "north", userID: 88, userName: "teacher88@mail.example",
            detail: LocalizedText("2 completions")),
        ReconciliationItem(
            kind: .ambiguousMatch, site: "ripk", userID: 91, userName: "Орлова Е.",
            detail: LocalizedText("e-mail matches P-0005 and P-0006")),
        ReconciliationItem(
            kind: .noLongerVerifiable, site: "ripk", courseID: 102, userID: 13, person: "P-0003", module: "ICT-02",
            hours: 6, detail: LocalizedText("enrolment suspended")),
    ]
}
