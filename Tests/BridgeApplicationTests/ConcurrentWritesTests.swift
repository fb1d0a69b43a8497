import BridgeApplication
import BridgeConfig
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import MoodleClient
import Testing

/// Every write use case run twice at once against one ledger, through two handles as two processes
/// would, ends exactly as one run does: no doubled entries, documents, numbers, routes or registry
/// changes. The second run either waits for the first and finds nothing left to do, or is refused
/// with a clear error.
@Suite("Write use cases run twice at once")
struct ConcurrentWritesTests {
    /// A write use case with what it needs in the ledger beforehand.
    enum WriteUseCase: String, CaseIterable, Sendable, CustomStringConvertible {
        case sync, importCreditSheet, importPersons, issueDocuments, cancelDocument, reverseCredit, rehourCredits
        case addCredit, openRoute, importRoutes

        var description: String { rawValue }
    }

    static let mapping = try! MappingLoader().load(directory: Fixture.root.appendingPathComponent("Mappings")).mapping
    static let now = Fixture.day("2026-06-01", hour: 12)
    static let snils = "112-233-445 95"

    /// What the ledger holds, without what differs between two equal runs (verification codes,
    /// batch ids, times of recording).
    struct LedgerState: Equatable, Sendable, CustomStringConvertible {
        var entries: [String]
        var documents: [String]
        var routes: [String]
        var persons: [String]
        var personEvents: [String]

        init(_ ledger: any LedgerStore) async throws {
            entries = try await ledger.entries(person: nil).map {
                "\($0.id) \($0.person) \($0.module) \($0.hours.value) \($0.form.rawValue) \($0.kind) \($0.idempotencyKey)"
            }
            documents = try await ledger.documents().map {
                "\($0.registrationNumber) \($0.request.kind.rawValue) \($0.request.route) \($0.request.hours.value) \($0.request.cancels ?? "")"
            }
            routes = try await ledger.routes(person: nil).map {
                "\($0.route.id) \($0.status.rawValue) \($0.hoursCredited.value) \($0.isAutomatic)"
            }
            persons = try await ledger.persons().map { $0.storedValues.map { $0 ?? "-" }.joined(separator: "|") }
            personEvents = try await ledger.personEvents(person: nil).map {
                "\($0.event.person) \($0.event.field.rawValue) \($0.event.kind.rawValue) \($0.event.offered)"
            }
        }

        var description: String {
            "entries \(entries)\ndocuments \(documents)\nroutes \(routes)\npersons \(persons)\nevents \(personEvents)"
        }
    }

    @Test(arguments: WriteUseCase.allCases, SharedLedgerBackend.available)
    func twiceAtOnceIsOnce(_ useCase: WriteUseCase, _ backend: SharedLedgerBackend) async throws {
        let server = FakeMoodleServer(scenario: .small())
        let url = try await server.start()
        do {
            try await check(useCase, backend, Context(url: url))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func check(_ useCase: WriteUseCase, _ backend: SharedLedgerBackend, _ context: Context) async throws {

        let once = try await backend.withFreshLedger { open in
            try await context.prepare(useCase, open)
            try await context.act(useCase, open)
            return try await LedgerState(open())
        }
        let (twice, outcomes) = try await backend.withFreshLedger { open in
            try await context.prepare(useCase, open)
            // Both runs go on only once both hold a handle, so that their reads overlap.
            let barrier = Barrier(parties: 2)
            let gated: LedgerHandleOpener = {
                let ledger = try await open()
                await barrier.arrive()
                return ledger
            }
            async let first = context.outcome { try await context.act(useCase, gated) }
            async let second = context.outcome { try await context.act(useCase, gated) }
            let outcomes = await [first, second]
            let ledger = try await open()
            #expect(try await ledger.verify().isIntact)
            return (try await LedgerState(ledger), outcomes)
        }
        #expect(!once.entries.isEmpty || !once.documents.isEmpty || !once.routes.isEmpty || !once.persons.isEmpty)
        #expect(twice == once, "two runs at once:\n\(twice)\none run:\n\(once)")
        #expect(outcomes.contains { $0 == nil }, "neither run succeeded: \(outcomes.map { $0?.message })")
        for case let refusal? in outcomes {
            // A run that lost the race is refused with an error that says why, never a database error.
            #expect(refusal.isClear, "\(refusal.message)")
        }
    }

    /// Holds each caller until `parties` have arrived; later callers pass at once.
    actor Barrier {
        private let parties: Int
        private var arrived = 0
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(parties: Int) { self.parties = parties }

        func arrive() async {
            arrived += 1
            if arrived >= parties {
                for continuation in waiting { continuation.resume() }
                waiting = []
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    /// How a run was refused: with the application's own error, or another.
    struct Refusal: Sendable {
        var isClear: Bool
        var message: String
    }

    /// Everything a use case needs, for one test.
    struct Context: Sendable {
        let url: URL

        var syncConfiguration: RegionConfiguration { SyncRegionTests.configuration(url) }

        /// nil when `body` succeeded, else how it was refused.
        func outcome(_ body: () async throws -> Void) async -> Refusal? {
            do {
                try await body()
                return nil
            } catch let error as ApplicationError {
                return Refusal(isClear: true, message: error.message)
            } catch {
                return Refusal(isClear: false, message: String(describing: error))
            }
        }

        func add(_ module: String, on date: String, _ open: @escaping LedgerHandleOpener) async throws {
            _ = try await AddCredit(mapping: mapping, ledger: open, now: now).run(
                .init(
                    snils: snils, lastName: "Кузнецова", firstName: "Ирина", module: module, date: date,
                    document: "ведомость 12/26", operator: "Петрова"))
        }

        var mapping: RegionMapping { ConcurrentWritesTests.mapping }
        var now: Date { ConcurrentWritesTests.now }
        var snils: String { ConcurrentWritesTests.snils }

        /// The ledger before the use case runs.
        func prepare(_ useCase: WriteUseCase, _ open: @escaping LedgerHandleOpener) async throws {
            switch useCase {
            case .sync, .importCreditSheet, .addCredit: break
            case .importPersons, .reverseCredit, .rehourCredits, .openRoute, .importRoutes:
                try await add("OCH-MET-01", on: "14.03.2025", open)
            case .issueDocuments, .cancelDocument:
                try await add("OCH-MET-01", on: "14.03.2025", open)
                try await add("OCH-ADM-01", on: "20.04.2025", open)
                try await add("ICT-03", on: "10.05.2025", open)
                _ = try await OpenRoute(mapping: mapping, ledger: open, now: now).run(
                    .init(person: snils, program: "PK-72-MMC", start: "01.03.2025"))
                if useCase == .cancelDocument {
                    _ = try await IssueDocuments(mapping: mapping, ledger: open, now: now).run(.init())
                }
            }
        }

        /// The use case, once.
        func act(_ useCase: WriteUseCase, _ open: @escaping LedgerHandleOpener) async throws {
            switch useCase {
            case .sync:
                _ = try await SyncRegion(
                    configuration: syncConfiguration, ledger: open, connect: SyncRegionTests.connect
                ).run(full: true)
            case .importCreditSheet:
                _ = try await ImportCreditSheet(mapping: mapping, ledger: open, now: now).run(
                    .init(
                        path: "march.csv",
                        contents: Array(
                            """
                            СНИЛС;Фамилия;Имя;Отчество;Модуль;Дата
                            112-233-445 95;Кузнецова;Ирина;Сергеевна;OCH-MET-01;14.03.2025
                            112-233-445 95;Кузнецова;Ирина;Сергеевна;OCH-ADM-01;20.04.2025
                            """.utf8), operator: "Петрова"))
            case .importPersons:
                _ = try await ImportPersons(ledger: open, now: now).run(
                    .init(
                        path: "persons.csv",
                        contents: Array(
                            "СНИЛС;Отчество;Дата рождения;Пол\n112-233-445 95;Сергеевна;01.05.1980;Жен\n".utf8),
                        operator: "Петрова"))
            case .issueDocuments:
                _ = try await IssueDocuments(mapping: mapping, ledger: open, now: now).run(.init(statements: true))
            case .cancelDocument:
                _ = try await CancelDocument(mapping: mapping, ledger: open, now: now).run(
                    .init(number: "2026-00001", kind: .certificate, reason: "ошибка в фамилии", operator: "Петрова"))
            case .reverseCredit:
                _ = try await ReverseCredit(mapping: mapping, ledger: open, now: now).run(
                    .init(entry: "E1", document: "приказ 7", operator: "Петрова", reason: "зачтено ошибочно"))
            case .rehourCredits:
                var changed = mapping
                let index = changed.modules.firstIndex { $0.module.id == "OCH-MET-01" }!
                changed.modules[index].module.hours = CreditHours(changed.modules[index].module.hours.value - 6)
                _ = try await RehourCredits(mapping: changed, ledger: open, now: now).run(
                    .init(module: "OCH-MET-01", document: "приказ 12", reason: "объём изменён", operator: "Петрова"))
            case .addCredit:
                try await add("OCH-MET-01", on: "14.03.2025", open)
            case .openRoute:
                _ = try await OpenRoute(mapping: mapping, ledger: open, now: now).run(
                    .init(person: snils, program: "PK-72-MMC", start: "01.03.2025"))
            case .importRoutes:
                _ = try await ImportRoutes(mapping: mapping, ledger: open, now: now).run(
                    .init(
                        file: "routes.csv", contents: Array("snils;program;start\n\(snils);PK-72-ICT;01.03.2026\n".utf8)
                    ))
            }
        }
    }
}
