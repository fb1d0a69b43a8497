import CreditCore
import Foundation
import Testing

/// Attacks on what decides a document, each made behind the bridge's back in plain SQL: `verify`
/// was intact before and names the problem after.
extension LedgerConformance {
    /// p1's credits E1 (ICT-01, 36 h, distance) and E2 (ICT-05, 36 h, in person), which
    /// ``LedgerFixtures/certificate(_:code:)`` certifies, and that certificate issued.
    private func certified(_ ledger: any LedgerStore) async throws -> IssuedDocument {
        _ = try await ledger.append(
            F.batch(
                "b1",
                [
                    F.credit("p1", "ICT-01", hours: 36, on: -10),
                    F.credit("p1", "ICT-05", hours: 36, on: 20, form: .inPerson),
                ], persons: [F.person("p1")]))
        let issued = try await ledger.issueDocuments([F.certificate("r1")])
        #expect(issued.count == 1)
        let verification = try await ledger.verify()
        #expect(verification.isIntact, "before the attack: \(verification.problem?.description ?? "")")
        return try #require(issued.first)
    }

    func forgedRouteVerdict(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        _ = try await ledger.append(
            F.batch("b1", [F.credit("p1", "ICT-01", hours: 36, on: -10), F.credit("p1", "ICT-02", on: -5)]))
        let program = Program(id: "PK-72", title: "72 h", kind: .freeChoice(allowed: nil))
        let route = Route(id: "r1", person: "p1", program: "PK-72", start: F.day(-30), deadline: F.day(150))
        try await ledger.openRoutes([route])
        let projection = LedgerProjection(standingCredits: try await ledger.standingCredits(person: nil))
        try await ledger.recordVerdicts([RouteVerdict(projection.progress(of: route, program: program, asOf: F.now))])
        let programs: @Sendable (ProgramID) -> Program? = { $0 == program.id ? program : nil }
        #expect(try await ledger.verify(programs: programs, now: F.now).isIntact)

        try await backend.execute("UPDATE routes SET status = 'completed', hours = 72 WHERE id = 'r1'")
        let verification = try await ledger.verify(programs: programs, now: F.now)
        #expect(
            verification.problem
                == .routeVerdictDiffers(route: "r1", recorded: "completed, 72 h", computed: "open, 48 h"))
        #expect(verification.problem?.description.contains("r1") == true)

        try await backend.execute("UPDATE routes SET status = 'open', hours = 60 WHERE id = 'r1'")
        #expect(
            try await ledger.verify(programs: programs, now: F.now).problem
                == .routeVerdictDiffers(route: "r1", recorded: "open, 60 h", computed: "open, 48 h"))
        try await backend.execute("UPDATE routes SET hours = 48 WHERE id = 'r1'")
        #expect(try await ledger.verify(programs: programs, now: F.now).isIntact)
    }

    func changedDocument(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        let document = try await certified(ledger)
        let number = document.registrationNumber
        for sql in backend.liftDocumentGuards { try await backend.execute(sql) }

        try await backend.execute("UPDATE documents SET hours = 108 WHERE registration_number = '\(number)'")
        #expect(
            try await ledger.verify().problem
                == .documentDiffers(
                    registrationNumber: number, detail: "certifies 108 h where its modules add up to 72 h"))
        try await backend.execute("UPDATE documents SET hours = 72 WHERE registration_number = '\(number)'")
        #expect(try await ledger.verify().isIntact)

        try await backend.execute("UPDATE documents SET person_id = 'p2' WHERE registration_number = '\(number)'")
        let verification = try await ledger.verify()
        guard case .documentDiffers(number, let detail) = verification.problem else {
            Issue.record("a document given to another person passed: \(String(describing: verification.problem))")
            return
        }
        #expect(detail.contains("certifies p2") && detail.contains("the ledger holds p1"))
    }

    func changedDocumentModule(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        let document = try await certified(ledger)
        let number = document.registrationNumber
        for sql in backend.liftDocumentGuards { try await backend.execute(sql) }
        try await backend.execute(
            "UPDATE document_modules SET entry_id = 'E9' WHERE registration_number = '\(number)' AND position = 2")
        #expect(
            try await ledger.verify().problem
                == .documentDiffers(
                    registrationNumber: number, detail: "certifies ICT-05 by entry E9, which the ledger does not hold"))
        try await backend.execute(
            "UPDATE document_modules SET entry_id = 'E2', hours = 48 WHERE registration_number = '\(number)' AND position = 2"
        )
        let verification = try await ledger.verify()
        guard case .documentDiffers(number, let detail) = verification.problem else {
            Issue.record("a module's hours changed passed: \(String(describing: verification.problem))")
            return
        }
        #expect(detail.contains("48 h") && detail.contains("36 h"))
    }

    func numberSeriesSetBack(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        _ = try await certified(ledger)
        try await backend.execute("UPDATE document_series_counters SET last = 0 WHERE kind = 'certificate'")
        #expect(
            try await ledger.verify().problem == .numberSeriesBehind(series: "certificate 2026", counter: 0, highest: 1)
        )
        try await backend.execute("UPDATE document_series_counters SET last = 1 WHERE kind = 'certificate'")
        #expect(try await ledger.verify().isIntact)
        try await backend.execute("UPDATE document_counters SET last = 0")
        #expect(
            try await ledger.verify().problem
                == .numberSeriesBehind(series: "of all documents of 2026", counter: 0, highest: 1))
    }

    func changedPerson(_ ledger: any LedgerStore, _ backend: LedgerBackend) async throws {
        _ = try await certified(ledger)
        try await backend.execute("UPDATE persons SET last_name = 'Петрова' WHERE id = 'p1'")
        let verification = try await ledger.verify()
        #expect(
            verification.problem
                == .personDiffers(person: "p1", field: "last_name", stored: "Петрова", fromEvents: "Иванова"))
        #expect(verification.problem?.description.contains("p1") == true)
        try await backend.execute("UPDATE persons SET last_name = 'Иванова', centre = 'MMC-02' WHERE id = 'p1'")
        #expect(
            try await ledger.verify().problem
                == .personDiffers(person: "p1", field: "centre", stored: "MMC-02", fromEvents: "MMC-01"))
    }
}
