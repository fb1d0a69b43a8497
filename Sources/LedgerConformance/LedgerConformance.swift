import CreditCore
import Foundation
import Testing

/// One suite of ledger guarantees, run against every backend.
///
/// ```swift
/// @Test(arguments: LedgerConformance.allCases)
/// func conformance(_ check: LedgerConformance) async throws {
///     try await check.run(on: makeBackend())
/// }
/// ```
public enum LedgerConformance: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case appendsAndReadsBack
    case writesEachIdempotencyKeyOnce
    case concurrentAppendsWriteEachKeyOnce
    case failedBatchLeavesNoTrace
    case cursorMovesWithItsBatch
    case refusesUpdateAndDeleteOfEntries
    case refusesUpdateAndDeleteOfDocuments
    case verifyDetectsEditedEntry
    case verifyDetectsRemovedEntry
    case registrationNumbersSequentialPerYear
    case concurrentIssuersNeverShareANumber
    case concurrentIssuersGiveARouteOneDocument
    case routesAndVerdicts
    case automaticRoutesAreReplacedRegistrarRoutesKept
    case totalsCountEachModuleOnceAndDropReversals
    case personKeysFindPersons
    case personRegistryKeepsWhatSourcesDoNotCarry
    case syncLockIsExclusivePerSiteAcrossConnections
    case syncRunsAreRecordedPerSite
    case documentsKeepWhatTheyCertify
    case eachKindHasItsOwnNumberSeries
    case cancellationIsRecordedOnce
    case standingStateFollowsEntries
    case verifyDetectsTamperedStandingState
    case staffAccountsAddListDisable
    case mergeCountsEachModuleOnceAndUnmergeRestoresTotals
    case mergedPersonsKeysFindTheKeptPerson
    case mergeRefusesSelfChainsAndUnknownUnmerge
    case mergeLogIsAppendOnlyAndVerified
    case findingsFirstAndLastSeen
    case findingsAcknowledged
    case findingsResolvedOnlyByCoveringRun
    case findingsReopenWhenSeenAgain
    case findingsQueueVisits
    case verifyDetectsForgedRouteVerdict
    case verifyDetectsChangedDocument
    case verifyDetectsChangedDocumentModule
    case verifyDetectsNumberSeriesSetBack
    case verifyDetectsChangedPerson
    case verifyReadsOneSliceOfPersonsAtATime

    public var testDescription: String { rawValue }

    public func run(on backend: LedgerBackend) async throws {
        let ledger = try await backend.open()
        switch self {
        case .appendsAndReadsBack: try await appendsAndReadsBack(ledger)
        case .writesEachIdempotencyKeyOnce: try await writesEachKeyOnce(ledger)
        case .concurrentAppendsWriteEachKeyOnce: try await concurrentAppends(backend)
        case .failedBatchLeavesNoTrace: try await failedBatch(ledger)
        case .cursorMovesWithItsBatch: try await cursorMoves(ledger)
        case .refusesUpdateAndDeleteOfEntries: try await refusesEntryChanges(ledger, backend)
        case .refusesUpdateAndDeleteOfDocuments: try await refusesDocumentChanges(ledger, backend)
        case .verifyDetectsEditedEntry: try await detectsEdit(ledger, backend)
        case .verifyDetectsRemovedEntry: try await detectsRemoval(ledger, backend)
        case .registrationNumbersSequentialPerYear: try await sequentialNumbers(ledger)
        case .concurrentIssuersNeverShareANumber: try await concurrentIssuers(backend)
        case .concurrentIssuersGiveARouteOneDocument: try await oneDocumentPerRoute(backend)
        case .routesAndVerdicts: try await routes(ledger)
        case .automaticRoutesAreReplacedRegistrarRoutesKept: try await automaticRoutes(ledger)
        case .totalsCountEachModuleOnceAndDropReversals: try await totals(ledger)
        case .personKeysFindPersons: try await personKeys(ledger)
        case .personRegistryKeepsWhatSourcesDoNotCarry: try await personRegistry(ledger)
        case .syncLockIsExclusivePerSiteAcrossConnections: try await syncLock(ledger, backend)
        case .syncRunsAreRecordedPerSite: try await syncRuns(ledger)
        case .documentsKeepWhatTheyCertify: try await documentContent(ledger)
        case .eachKindHasItsOwnNumberSeries: try await numberSeries(ledger)
        case .cancellationIsRecordedOnce: try await cancellation(ledger)
        case .standingStateFollowsEntries: try await standingFollowsEntries(ledger)
        case .verifyDetectsTamperedStandingState: try await verifyDetectsTamperedStanding(ledger, backend)
        case .staffAccountsAddListDisable: try await staffAccounts(ledger)
        case .mergeCountsEachModuleOnceAndUnmergeRestoresTotals: try await mergeAndUnmerge(ledger)
        case .mergedPersonsKeysFindTheKeptPerson: try await mergedKeys(ledger)
        case .mergeRefusesSelfChainsAndUnknownUnmerge: try await mergeRefusals(ledger)
        case .mergeLogIsAppendOnlyAndVerified: try await mergeLogGuarded(ledger, backend)
        case .findingsFirstAndLastSeen: try await findingsFirstAndLastSeen(ledger)
        case .findingsAcknowledged: try await findingsAcknowledged(ledger)
        case .findingsResolvedOnlyByCoveringRun: try await findingsResolvedOnlyByCoveringRun(ledger)
        case .findingsReopenWhenSeenAgain: try await findingsReopenWhenSeenAgain(ledger)
        case .findingsQueueVisits: try await findingsQueueVisits(ledger)
        case .verifyDetectsForgedRouteVerdict: try await forgedRouteVerdict(ledger, backend)
        case .verifyDetectsChangedDocument: try await changedDocument(ledger, backend)
        case .verifyDetectsChangedDocumentModule: try await changedDocumentModule(ledger, backend)
        case .verifyDetectsNumberSeriesSetBack: try await numberSeriesSetBack(ledger, backend)
        case .verifyDetectsChangedPerson: try await changedPerson(ledger, backend)
        case .verifyReadsOneSliceOfPersonsAtATime: try await verifyReadsOneSliceAtATime(ledger, backend)
        }
    }

    typealias F = LedgerFixtures

    private func appendsAndReadsBack(_ ledger: any LedgerStore) async throws {
        let outcome = try await ledger.append(
            F.batch(
                "b1", [F.credit("p1", "ICT-01", hours: 36), F.credit("p2", "ICT-01"), F.credit("p1", "ICT-02")],
                persons: [F.person("p1"), F.person("p2")]))
        #expect(outcome == AppendOutcome(written: 3, alreadyPresent: 0))
        let all = try await ledger.entries(person: nil)
        #expect(all.map(\.id) == ["E1", "E2", "E3"])
        #expect(all[0].hours == 36 && all[0].person == "p1" && all[0].module == "ICT-01")
        #expect(all[0].occurredAt == F.now && all[0].recordedAt == F.now && all[0].batch == "b1")
        #expect(all[0].source == .moodle(site: "ripk", courseID: 2, userID: 4))
        #expect(try await ledger.entries(person: "p1").map(\.module) == ["ICT-01", "ICT-02"])
        #expect(try await ledger.entryCount() == 3)
        #expect(try await ledger.personsWritten(after: 1) == ["p1", "p2"])
        #expect(try await ledger.personsWritten(after: 2) == ["p1"])
        #expect(try await ledger.personsWritten(after: 3) == [])
        #expect(try await ledger.contains(idempotencyKey: "moodle/ripk/ICT-02/p1"))
        #expect(try await ledger.persons().map(\.id) == ["p1", "p2"])
        #expect(try await ledger.person(id: "p2") == ledger.persons().last)
        #expect(try await ledger.person(id: "p3") == nil)
        let batches = try await ledger.batches()
        #expect(batches.map(\.id) == ["b1"] && batches.first?.written == 3)
        #expect(try await ledger.verify().isIntact)
    }

    private func writesEachKeyOnce(_ ledger: any LedgerStore) async throws {
        let drafts = [F.credit("p1", "ICT-01"), F.credit("p1", "ICT-02"), F.credit("p1", "ICT-01")]
        #expect(try await ledger.append(F.batch("b1", drafts)) == AppendOutcome(written: 2, alreadyPresent: 1))
        #expect(try await ledger.append(F.batch("b2", drafts)) == AppendOutcome(written: 0, alreadyPresent: 3))
        #expect(try await ledger.entryCount() == 2)
        #expect(try await ledger.verify().isIntact)
    }

    private func concurrentAppends(_ backend: LedgerBackend) async throws {
        let drafts = (0..<120).map { F.credit("p\($0 % 40)", "M\($0)") }
        try await withThrowingTaskGroup(of: AppendOutcome.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let connection = try await backend.open()
                    return try await connection.append(F.batch("w\(worker)", drafts.shuffled()))
                }
            }
            var written = 0
            for try await outcome in group { written += outcome.written }
            #expect(written == 120)
        }
        let ledger = try await backend.open()
        #expect(try await ledger.entryCount() == 120)
        #expect(Set(try await ledger.entries(person: nil).map(\.idempotencyKey)).count == 120)
        #expect(try await ledger.verify().isIntact)
    }

    private func failedBatch(_ ledger: any LedgerStore) async throws {
        _ = try await ledger.append(F.batch("b1", [F.credit("p1", "ICT-01")], persons: [F.person("p1")]))
        var broken = F.credit("p2", "ICT-09")
        broken.hours = CreditHours(0)  // refused by the database, after two good drafts
        let batch = F.batch(
            "b2", [F.credit("p2", "ICT-02"), F.credit("p2", "ICT-03"), broken], persons: [F.person("p2")],
            cursors: [SyncCursor(site: "ripk", stream: "completions", value: "42")])
        await #expect(throws: (any Error).self) { try await ledger.append(batch) }
        #expect(try await ledger.entryCount() == 1)
        #expect(try await ledger.entries(person: nil).map(\.id) == ["E1"])
        #expect(try await ledger.batches().map(\.id) == ["b1"])
        #expect(try await ledger.persons().map(\.id) == ["p1"])
        #expect(try await ledger.cursors(site: "ripk") == [])
        #expect(try await ledger.verify().isIntact)
        // The ledger goes on from where it was.
        #expect(try await ledger.append(F.batch("b3", [F.credit("p2", "ICT-02")])).written == 1)
        #expect(try await ledger.entries(person: nil).map(\.id) == ["E1", "E2"])
    }

    private func cursorMoves(_ ledger: any LedgerStore) async throws {
        let first = SyncCursor(site: "ripk", stream: "course:2", value: "page-1")
        _ = try await ledger.append(F.batch("b1", [F.credit("p1", "ICT-01")], cursors: [first]))
        #expect(try await ledger.cursors(site: "ripk") == [first])
        let second = SyncCursor(site: "ripk", stream: "course:2", value: "page-2")
        _ = try await ledger.append(F.batch("b2", [], cursors: [second]))
        #expect(try await ledger.cursors(site: "ripk") == [second])
        #expect(try await ledger.cursors(site: "north") == [])
    }

    private func refusesEntryChanges(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        _ = try await ledger.append(F.batch("b1", [F.credit("p1", "ICT-01", hours: 12)]))
        for sql in ["UPDATE entries SET hours = 36", "DELETE FROM entries"] {
            let error = await #expect(throws: (any Error).self) { try await backend.execute(sql) }
            #expect(String(describing: error).contains("append-only"), "\(sql) was refused for another reason")
        }
        #expect(try await ledger.entries(person: nil).map(\.hours) == [12])
    }

    private func refusesDocumentChanges(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        _ = try await ledger.issueDocuments([F.certificate("r1", code: "ABCDEFGHJK")])
        for sql in [
            "UPDATE documents SET hours = 80", "DELETE FROM documents", "UPDATE document_modules SET hours = 80",
            "DELETE FROM document_modules",
        ] {
            let error = await #expect(throws: (any Error).self) { try await backend.execute(sql) }
            #expect(String(describing: error).contains("immutable"), "\(sql) was refused for another reason")
        }
        #expect(try await ledger.documents().map(\.request.hours) == [72])
        #expect(try await ledger.documents().first?.request.content?.modules.map(\.hours) == [36, 36])
    }

    private func detectsEdit(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        _ = try await ledger.append(
            F.batch("b1", [F.credit("p1", "ICT-01"), F.credit("p1", "ICT-02"), F.credit("p1", "ICT-03")]))
        #expect(try await ledger.verify().isIntact)
        for sql in backend.liftEntryGuards { try await backend.execute(sql) }
        try await backend.execute("UPDATE entries SET hours = 36 WHERE id = 'E2'")
        let verification = try await ledger.verify()
        #expect(verification.problem == .entryAltered(position: 2, id: "E2"))
        #expect(verification.problem?.description.contains("E2") == true)
    }

    private func detectsRemoval(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        _ = try await ledger.append(
            F.batch("b1", [F.credit("p1", "ICT-01"), F.credit("p1", "ICT-02"), F.credit("p1", "ICT-03")]))
        for sql in backend.liftEntryGuards { try await backend.execute(sql) }
        try await backend.execute("DELETE FROM entries WHERE id = 'E3'")
        #expect(try await ledger.verify().problem == .entriesMissing(expected: 3, found: 2))
        try await backend.execute("DELETE FROM entries WHERE id = 'E1'")
        #expect(try await ledger.verify().problem == .entryAltered(position: 1, id: "E2"))
    }

    private func sequentialNumbers(_ ledger: any LedgerStore) async throws {
        func request(_ route: String, year: Int) -> DocumentRequest {
            DocumentRequest(
                kind: .certificate, route: RouteID(route), person: "p1", hours: 72, issuedAt: F.now, year: year)
        }
        let first = try await ledger.issueDocuments([request("r1", year: 2026), request("r2", year: 2026)])
        let next = try await ledger.issueDocuments([request("r3", year: 2027), request("r4", year: 2026)])
        #expect((first + next).map(\.registrationNumber) == ["2026-00001", "2026-00002", "2027-00001", "2026-00003"])
        let cancellation = DocumentRequest(
            kind: .cancellation, route: "r1", person: "p1", hours: 72, issuedAt: F.now, year: 2026,
            cancels: "2026-00001")
        // A cancellation is numbered in a series of its own.
        #expect(try await ledger.issueDocuments([cancellation]).map(\.registrationNumber) == ["А-2026-00001"])
        #expect(try await ledger.documents().count == 5)
    }

    /// Four issuers asking at once for the same certificates (and statements) of the same routes:
    /// each route gets one of each kind; a cancelled one may be issued again.
    private func oneDocumentPerRoute(_ backend: LedgerBackend) async throws {
        let requests = (0..<12).flatMap { index in
            [DocumentRequest.Kind.certificate, .statement].map {
                DocumentRequest(
                    kind: $0, route: RouteID("r\(index)"), person: "p1", hours: 72, issuedAt: F.now, year: 2026)
            }
        }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask { try await backend.open().issueDocuments(requests).count }
            }
            var total = 0
            for try await count in group { total += count }
            #expect(total == requests.count)
        }
        let ledger = try await backend.open()
        let documents = try await ledger.documents()
        #expect(documents.count == requests.count)
        #expect(Set(documents.map { "\($0.request.kind.rawValue) \($0.request.route)" }).count == requests.count)
        let first = try #require(documents.first { $0.request.kind == .certificate && $0.request.route == "r0" })
        _ = try await ledger.issueDocuments([
            DocumentRequest(
                kind: .cancellation, route: "r0", person: "p1", hours: 72, issuedAt: F.now, year: 2026,
                cancels: first.registrationNumber)
        ])
        let again = try await ledger.issueDocuments(requests)
        #expect(again.map(\.request.route) == ["r0"])
        #expect(again.map(\.request.kind) == [.certificate])
    }

    private func concurrentIssuers(_ backend: LedgerBackend) async throws {
        try await withThrowingTaskGroup(of: [IssuedDocument].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let connection = try await backend.open()
                    var issued: [IssuedDocument] = []
                    for index in 0..<10 {
                        issued += try await connection.issueDocuments([
                            DocumentRequest(
                                kind: .certificate, route: RouteID("r\(worker)-\(index)"), person: "p1", hours: 72,
                                issuedAt: F.now, year: 2026)
                        ])
                    }
                    return issued
                }
            }
            var numbers: [Int] = []
            for try await issued in group { numbers += issued.map(\.number) }
            #expect(numbers.sorted() == Array(1...40))
        }
    }

    private func routes(_ ledger: any LedgerStore) async throws {
        let route = Route(id: "r1", person: "p1", program: "PK-72", start: F.day(-30), deadline: F.day(150))
        try await ledger.openRoutes([route])
        try await ledger.openRoutes([route])
        #expect(
            try await ledger.routes(person: "p1") == [
                StoredRoute(route: route, status: .open, hoursCredited: 0, completedAt: nil)
            ])
        try await ledger.recordVerdicts([
            RouteVerdict(route: "r1", status: .completed, hoursCredited: 72, completedAt: F.day(10))
        ])
        #expect(try await ledger.routes(person: nil).first?.status == .completed)
        #expect(try await ledger.routes(person: nil).first?.completedAt == F.day(10))
        #expect(try await ledger.routes(person: "p2") == [])
    }

    private func automaticRoutes(_ ledger: any LedgerStore) async throws {
        let registrar = Route(id: "r1", person: "p1", program: "PK-72", start: F.day(-300), deadline: F.day(-120))
        let first = Route(id: "a1", person: "p1", program: "PK-72", start: F.day(-30), deadline: F.day(150))
        let other = Route(id: "a2", person: "p2", program: "PK-72", start: F.day(-30), deadline: F.day(150))
        try await ledger.openRoutes([registrar])
        try await ledger.replaceAutomaticRoutes(of: ["p1", "p2"], with: [first, other])
        try await ledger.recordVerdicts([
            RouteVerdict(route: "a1", status: .completed, hoursCredited: 72, completedAt: F.day(10))
        ])
        // Replaced again with the same route: it keeps its verdict.
        try await ledger.replaceAutomaticRoutes(of: ["p1"], with: [first])
        #expect(
            try await ledger.routes(person: "p1") == [
                StoredRoute(route: registrar, status: .open, hoursCredited: 0, completedAt: nil),
                StoredRoute(
                    route: first, status: .completed, hoursCredited: 72, completedAt: F.day(10), isAutomatic: true),
            ])
        // An earlier start replaces the route; the registrar's route and p2's stay.
        let moved = Route(id: "a0", person: "p1", program: "PK-72", start: F.day(-40), deadline: F.day(140))
        try await ledger.replaceAutomaticRoutes(of: ["p1"], with: [moved])
        #expect(try await ledger.routes(person: "p1").map(\.route) == [registrar, moved])
        #expect(try await ledger.routes(person: "p1").map(\.isAutomatic) == [false, true])
        #expect(try await ledger.routes(person: "p2").map(\.route) == [other])
        // None left: every automatic route of p1 goes, the registrar's stays.
        try await ledger.replaceAutomaticRoutes(of: ["p1"], with: [])
        #expect(try await ledger.routes(person: "p1").map(\.route) == [registrar])
    }

    private func totals(_ ledger: any LedgerStore) async throws {
        _ = try await ledger.append(
            F.batch(
                "b1",
                [
                    F.credit("p1", "ICT-01", hours: 36), F.credit("p1", "ICT-01", hours: 36, key: "north/ICT-01/p1"),
                    F.credit("p1", "ICT-02", hours: 6), F.credit("p2", "SEM-01", hours: 8, form: .seminar),
                    F.credit("p3", "OCH-01", hours: 18, on: 40, form: .inPerson),
                ],
                persons: [F.person("p1"), F.person("p2", category: .methodist), F.person("p3")]))
        let p1Second = try await ledger.entries(person: "p1")[2]
        _ = try await ledger.append(F.batch("b2", [F.reversal(of: p1Second.id, "p1", "ICT-02", hours: 6)]))
        #expect(
            try await ledger.personTotals() == [
                PersonTotal(person: "p1", modules: 1, hours: 36), PersonTotal(person: "p2", modules: 1, hours: 8),
                PersonTotal(person: "p3", modules: 1, hours: 18),
            ])
        let monthly = try await ledger.monthlyTotals(utcOffsetSeconds: 3 * 3600)
        let thisMonth = YearMonth("2026-05")!
        #expect(
            monthly.contains(
                MonthlyTotal(month: thisMonth, form: .distance, category: .teacher, learners: 1, credits: 2, hours: 72))
        )
        #expect(
            monthly.contains(
                MonthlyTotal(month: thisMonth, form: .seminar, category: .methodist, learners: 1, credits: 1, hours: 8))
        )
        #expect(monthly.contains { $0.form == .inPerson && $0.month == YearMonth("2026-07")! && $0.hours == 18 })
        #expect(monthly.count == 3)
    }

    private func personKeys(_ ledger: any LedgerStore) async throws {
        _ = try await ledger.append(
            F.batch(
                "b1", [], persons: [F.person("p1")],
                keys: [
                    PersonKey(kind: .moodleUser("ripk"), value: "4", person: "p1"),
                    PersonKey(kind: .snils, value: "15597241899", person: "p1"),
                ]))
        #expect(try await ledger.person(kind: .moodleUser("ripk"), value: "4") == "p1")
        #expect(try await ledger.person(kind: .moodleUser("north"), value: "4") == nil)
        #expect(try await ledger.person(kind: .snils, value: "15597241899") == "p1")
        // Many at once: a key of another kind or site with the same value is not the same key.
        let asked: [PersonKey.Lookup] = [
            .init(kind: .moodleUser("ripk"), value: "4"), .init(kind: .moodleUser("north"), value: "4"),
            .init(kind: .snils, value: "15597241899"), .init(kind: .email, value: "15597241899"),
        ]
        #expect(
            try await ledger.persons(keys: asked) == [
                .init(kind: .moodleUser("ripk"), value: "4"): "p1", .init(kind: .snils, value: "15597241899"): "p1",
            ])
        #expect(try await ledger.persons(keys: []) == [:])
        // Idempotency keys, many at once (more than one chunk of a query's parameters).
        _ = try await ledger.append(F.batch("b2", [F.credit("p1", "ICT-01"), F.credit("p1", "ICT-02")]))
        let written = try await ledger.entries(person: nil).map(\.idempotencyKey)
        let unknown = (0..<1_200).map { "moodle/ripk/none/\($0)" }
        #expect(try await ledger.idempotencyKeys(among: unknown + written + written) == Set(written))
        #expect(try await ledger.idempotencyKeys(among: []) == [])
        // A site's standing credits by key; a reversed one is gone, another site has none.
        let credits = try await ledger.siteCredits(site: "ripk")
        #expect(Set(credits.keys) == Set(written))
        #expect(credits["moodle/ripk/ICT-01/p1"]?.module == "ICT-01")
        #expect(try await ledger.siteCredits(site: "rip").isEmpty)
        let first = try #require(credits["moodle/ripk/ICT-01/p1"]?.entry)
        _ = try await ledger.append(F.batch("b3", [F.reversal(of: first, "p1", "ICT-01")]))
        #expect(try await Set(ledger.siteCredits(site: "ripk").keys) == ["moodle/ripk/ICT-02/p1"])
    }

    private func personRegistry(_ ledger: any LedgerStore) async throws {
        var moodle = F.person("p1")
        moodle.middleName = "Петровна"
        moodle.snils = try SNILS(parsing: "087-654-303 00")
        moodle.registry = RegistryDetails(birthDate: "1980-05-01", sex: "Жен", citizenship: "643")
        let empty = try await ledger.registryRevision()
        _ = try await ledger.append(F.batch("b1", [], persons: [moodle]))
        let added = try await ledger.registryRevision()
        #expect(empty.persons == 0 && added.persons == 1 && added.lastEvent > empty.lastEvent)
        // Entries alone leave the registry where it was.
        _ = try await ledger.append(F.batch("b1-credit", [F.credit("p1", "ICT-01")]))
        #expect(try await ledger.registryRevision() == added)
        // A sheet without the Отчество column, offering another SNILS and another surname.
        let sheet = PersonFacts(
            id: "p1", source: .sheet(file: "march.csv", row: 4),
            values: [.lastName: "Смирнова", .firstName: "Анна", .snils: "112-233-445 95", .funding: "Платное обучение"])
        var batch = F.batch("b2", [])
        batch.kind = .sheetImport
        batch.personFacts = [sheet]
        let outcome = try await ledger.append(batch)
        #expect(outcome.personConflicts.map(\.field) == [.lastName, .snils])
        let changed = try await ledger.registryRevision()
        #expect(changed.persons == 1 && changed.lastEvent > added.lastEvent)
        let stored = try #require(try await ledger.persons().first { $0.id == "p1" })
        var expected = moodle
        expected.registry.funding = "Платное обучение"
        #expect(stored == expected)
        let events = try await ledger.personEvents(person: "p1")
        #expect(events.filter { $0.batch == "b1" }.count == 9)
        #expect(
            events.filter { $0.batch == "b2" }.map(\.event) == [
                PersonEvent(
                    person: "p1", field: .lastName, kind: .conflict, stored: "Иванова", offered: "Смирнова",
                    source: "sheet:march.csv row 4"),
                PersonEvent(
                    person: "p1", field: .snils, kind: .conflict, stored: "087-654-303 00", offered: "112-233-445 95",
                    source: "sheet:march.csv row 4"),
                PersonEvent(
                    person: "p1", field: .funding, kind: .change, stored: nil, offered: "Платное обучение",
                    source: "sheet:march.csv row 4"),
            ])
        #expect(try await ledger.personEvents(person: "p2").isEmpty)
        #expect(try await ledger.personEvents(person: nil).count == events.count)
    }

    private func syncLock(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        let other = try await backend.open()
        let (held, release) = AsyncStream.makeStream(of: Void.self)
        let (taken, announce) = AsyncStream.makeStream(of: Void.self)
        // The first connection takes ripk's lock and keeps it until told to let go.
        let holder = Task {
            try await ledger.withSyncLock(site: "ripk", wait: false) {
                announce.yield()
                for await _ in held { break }
                return "first"
            }
        }
        for await _ in taken { break }
        #expect(try await other.withSyncLock(site: "ripk", wait: false) { "second" } == nil)
        #expect(try await other.withSyncLock(site: "north", wait: false) { "north" } == "north")
        // A waiting second connection gets the lock once the first lets go.
        let waiter = Task { try await other.withSyncLock(site: "ripk", wait: true) { "second, after waiting" } }
        try await Task.sleep(for: .milliseconds(300))
        release.yield()
        #expect(try await holder.value == "first")
        #expect(try await waiter.value == "second, after waiting")
        #expect(try await ledger.withSyncLock(site: "ripk", wait: false) { "again" } == "again")
    }

    private func syncRuns(_ ledger: any LedgerStore) async throws {
        let start = F.now
        var first = SyncRun(runID: "run-1", site: "ripk", host: "a", startedAt: start)
        try await ledger.recordRun(first)
        first.endedAt = start.addingTimeInterval(60)
        first.outcome = .succeeded
        first.requests = 6
        first.newCredits = 12
        try await ledger.recordRun(first)
        let killed = SyncRun(runID: "run-2", site: "ripk", host: "b", startedAt: start.addingTimeInterval(3600))
        try await ledger.recordRun(killed)
        let north = SyncRun(
            runID: "run-1", site: "north", host: "a", startedAt: start, endedAt: start.addingTimeInterval(5),
            outcome: .failed, message: "the token was refused")
        try await ledger.recordRun(north)
        #expect(try await ledger.syncRuns(limitPerSite: 5) == [north, killed, first])
        #expect(try await ledger.syncRuns(limitPerSite: 1) == [north, killed])
    }

    private func documentContent(_ ledger: any LedgerStore) async throws {
        let request = F.certificate("r1", code: "K7M2Q9XW4E")
        let issued = try await ledger.issueDocuments([request])
        #expect(issued.map(\.registrationNumber) == ["2026-00001"])
        let stored = try #require(try await ledger.documents().first)
        #expect(stored.request == request)
        #expect(stored.registrationNumber == "2026-00001" && stored.seriesNumber == 1)
        let content = try #require(stored.request.content)
        #expect(content.programTitle == "ИКТ-компетентность педагога (72 ч)" && content.programHours == 72)
        #expect(content.completedAt == F.day(20))
        #expect(content.modules.map(\.entry) == ["E1", "E2"])
        #expect(content.modules.map(\.module) == ["ICT-01", "ICT-05"])
        #expect(content.modules.map(\.form) == [.distance, .inPerson])
        #expect(content.modules.last?.title == "Очный модуль" && content.modules.last?.occurredAt == F.day(20))
        #expect(stored.request.verificationCode == "K7M2Q9XW4E")
        // A document with nothing stored but its hours reads back without content.
        let bare = DocumentRequest(
            kind: .certificate, route: "r2", person: "p1", hours: 72, issuedAt: F.now, year: 2026)
        _ = try await ledger.issueDocuments([bare])
        #expect(try await ledger.documents().last?.request == bare)
        // One person's documents, with what they certify, and no one else's.
        var other = request
        other.person = "p2"
        other.route = "r3"
        _ = try await ledger.issueDocuments([other])
        #expect(try await ledger.documents(person: "p1").map(\.request) == [request, bare])
        #expect(try await ledger.documents(person: "p2").map(\.request) == [other])
        #expect(try await ledger.documents(person: "p9").isEmpty)
        #expect(try await ledger.documents().count == 3)
    }

    private func numberSeries(_ ledger: any LedgerStore) async throws {
        func request(
            _ kind: DocumentRequest.Kind, _ route: String, year: Int = 2026, prefix: String? = nil
        )
            -> DocumentRequest
        {
            DocumentRequest(
                kind: kind, route: RouteID(route), person: "p1", hours: 40, issuedAt: F.now, year: year,
                cancels: kind == .cancellation ? "2026-00001" : nil, prefix: prefix)
        }
        let issued = try await ledger.issueDocuments([
            request(.certificate, "r1"), request(.statement, "r2"), request(.statement, "r3"),
            request(.certificate, "r4"), request(.statement, "r5", year: 2027), request(.cancellation, "r1"),
            request(.certificate, "r6", prefix: "УД/"), request(.statement, "r7", prefix: "СПР-"),
        ])
        #expect(
            issued.map(\.registrationNumber) == [
                "2026-00001", "С-2026-00001", "С-2026-00002", "2026-00002", "С-2027-00001", "А-2026-00001",
                "УД/2026-00003", "СПР-2026-00003",
            ])
        #expect(issued.map(\.seriesNumber) == [1, 1, 2, 2, 1, 1, 3, 3])
        let stored = try await ledger.documents()
        #expect(Set(stored.map(\.registrationNumber)) == Set(issued.map(\.registrationNumber)))
        #expect(stored.first { $0.registrationNumber == "УД/2026-00003" }?.request.prefix == "УД/")
        #expect(stored.first { $0.registrationNumber == "С-2026-00002" }?.seriesNumber == 2)
    }

    private func cancellation(_ ledger: any LedgerStore) async throws {
        let first = try #require(try await ledger.issueDocuments([F.certificate("r1", code: "AAAAAAAAAA")]).first)
        let cancel = DocumentRequest(
            kind: .cancellation, route: "r1", person: "p1", hours: 72, issuedAt: F.day(1), year: 2026,
            cancels: first.registrationNumber, reason: "ошибка в фамилии", operator: "Петрова Е.А.")
        let cancelled = try await ledger.issueDocuments([cancel])
        #expect(cancelled.map(\.registrationNumber) == ["А-2026-00001"])
        // The same document is cancelled once, even when asked again.
        #expect(try await ledger.issueDocuments([cancel]).isEmpty)
        let stored = try #require(try await ledger.documents().first { $0.request.kind == .cancellation })
        #expect(stored.request.reason == "ошибка в фамилии" && stored.request.operator == "Петрова Е.А.")
        #expect(stored.request.cancels == "2026-00001" && stored.request.issuedAt == F.day(1))
        // The route may be given a new certificate, numbered next in its series.
        let again = try await ledger.issueDocuments([F.certificate("r1", code: "BBBBBBBBBB")])
        #expect(again.map(\.registrationNumber) == ["2026-00002"])
        #expect(try await ledger.documents().count == 3)
    }

    private func staffAccounts(_ ledger: any LedgerStore) async throws {
        let staff = try #require(ledger as? any StaffStore, "the backend keeps no staff accounts")
        #expect(try await staff.staff().isEmpty)
        let registrar = StaffMember(
            login: "ivanova", role: .registrar, passwordHash: "$2b$04$hash-one", createdAt: F.now)
        #expect(try await staff.addStaff(registrar))
        #expect(
            try await staff.addStaff(StaffMember(login: "admin", role: .admin, passwordHash: "h2", createdAt: F.now)))
        // A taken login is refused and the first account stays as it was.
        #expect(
            !(try await staff.addStaff(StaffMember(login: "ivanova", role: .admin, passwordHash: "x", createdAt: F.now)))
        )
        #expect(try await staff.staff().map(\.login) == ["admin", "ivanova"])
        #expect(try await staff.staffMember(login: "ivanova") == registrar)
        #expect(try await staff.staffMember(login: "nobody") == nil)
        #expect(try await staff.disableStaff(login: "ivanova"))
        #expect(!(try await staff.disableStaff(login: "nobody")))
        let disabled = try await staff.staffMember(login: "ivanova")
        #expect(
            disabled?.disabled == true && disabled?.role == .registrar
                && disabled?.passwordHash == registrar.passwordHash)
        #expect(try await staff.staffMember(login: "admin")?.disabled == false)
    }
}
