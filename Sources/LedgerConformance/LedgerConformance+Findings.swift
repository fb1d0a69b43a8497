import CreditCore
import Foundation
import Testing

/// The findings history: each finding once per key, first and last seen, acknowledged, resolved
/// only by a run that covered it, opened again when seen after being resolved.
extension LedgerConformance {
    private static let day: TimeInterval = 86_400
    private static let start = Date(timeIntervalSince1970: 1_780_000_000)

    private static func observation(
        _ kind: FindingKind, _ subject: FindingKey.Subject, site: SiteID = "site-a", detail: String = "detail",
        person: PersonID? = nil
    ) -> FindingObservation {
        FindingObservation(
            key: FindingKey(kind: kind, site: site, subject: subject), detail: LocalizedText(ru: detail, en: detail),
            person: person, course: subject.course, user: subject.user)
    }

    private static func sighting(
        _ run: String, day: Int, _ findings: [FindingObservation], covered: Set<FindingKind> = [],
        site: SiteID = "site-a"
    ) -> FindingSighting {
        FindingSighting(
            site: site, run: run, at: start.addingTimeInterval(Double(day) * Self.day), findings: findings,
            covered: covered)
    }

    private static func one(
        _ ledger: any LedgerStore, _ kind: FindingKind, site: SiteID = "site-a"
    ) async throws
        -> RecordedFinding
    {
        try #require(try await ledger.findings(FindingFilter(site: site, kind: kind)).first)
    }

    func findingsFirstAndLastSeen(_ ledger: any LedgerStore) async throws {
        let unmatched = Self.observation(.unmatchedUser, .init(course: "12", user: "u:petrov"), detail: "first words")
        let key = Self.observation(.invalidKey, .init(user: "u:sidorov", field: "email"), person: "p1")
        let recorded = try await ledger.recordFindings(Self.sighting("run-1", day: 0, [unmatched, key, unmatched]))
        #expect(recorded == FindingsRecorded(new: 2))
        // Another site's finding with the same subject is a finding of its own.
        let other = Self.observation(.unmatchedUser, .init(course: "12", user: "u:petrov"), site: "site-b")
        #expect(try await ledger.recordFindings(Self.sighting("run-1", day: 0, [other], site: "site-b")).new == 1)

        var reworded = unmatched
        reworded.detail = LocalizedText(ru: "новые слова", en: "new words")
        let again = try await ledger.recordFindings(Self.sighting("run-2", day: 1, [reworded, key]))
        #expect(again == FindingsRecorded(seenAgain: 2))
        let finding = try await Self.one(ledger, .unmatchedUser)
        #expect(finding.state == .open)
        #expect(finding.firstSeenRun == "run-1")
        #expect(finding.firstSeenAt == Self.start)
        #expect(finding.lastSeenRun == "run-2")
        #expect(finding.lastSeenAt == Self.start.addingTimeInterval(Self.day))
        #expect(finding.openedAt == Self.start)
        #expect(finding.detail.en == "new words")
        #expect(finding.key.subject == "course:12/user:u:petrov")
        #expect(try await Self.one(ledger, .invalidKey).person == "p1")

        // The filters: state, site, kind, opened since.
        #expect(try await ledger.findings(FindingFilter()).count == 3)
        #expect(try await ledger.findings(FindingFilter(site: "site-b")).map(\.key.site) == ["site-b"])
        #expect(try await ledger.findings(FindingFilter(states: [.resolved])).isEmpty)
        #expect(try await ledger.findings(FindingFilter(states: [])).isEmpty)
        #expect(try await ledger.findings(FindingFilter(openedSince: Self.start.addingTimeInterval(1))).isEmpty)
        #expect(try await ledger.findings(FindingFilter(openedSince: Self.start)).count == 3)
        #expect(try await ledger.findings(FindingFilter(id: finding.id)).map(\.id) == [finding.id])
    }

    func findingsAcknowledged(_ ledger: any LedgerStore) async throws {
        let revoked = Self.observation(.revocationFlagged, .init(entry: "E7"))
        _ = try await ledger.recordFindings(Self.sighting("run-1", day: 0, [revoked]))
        let finding = try await Self.one(ledger, .revocationFlagged)
        let at = Self.start.addingTimeInterval(3600)
        #expect(
            try await ledger.acknowledgeFinding(id: finding.id, by: "ivanova", reason: "the teacher confirms", at: at))
        // Only an open finding is acknowledged; an unknown one changes nothing.
        #expect(!(try await ledger.acknowledgeFinding(id: finding.id, by: "admin", reason: "again", at: at)))
        #expect(!(try await ledger.acknowledgeFinding(id: finding.id + 1000, by: "admin", reason: "x", at: at)))
        var acknowledged = try await Self.one(ledger, .revocationFlagged)
        #expect(acknowledged.state == .acknowledged)
        #expect(acknowledged.acknowledgement == .init(by: "ivanova", reason: "the teacher confirms", at: at))

        // Seen again, it stays acknowledged; its last seen moves.
        #expect(
            try await ledger.recordFindings(
                Self.sighting("run-2", day: 1, [revoked], covered: [.revocationFlagged]))
                == FindingsRecorded(seenAgain: 1))
        acknowledged = try await Self.one(ledger, .revocationFlagged)
        #expect(acknowledged.state == .acknowledged)
        #expect(acknowledged.lastSeenRun == "run-2")
        #expect(acknowledged.acknowledgement?.by == "ivanova")
        #expect(try await ledger.findings(FindingFilter(states: [.open])).isEmpty)
        #expect(try await ledger.findings(FindingFilter(states: [.acknowledged])).map(\.id) == [finding.id])

        // A covering run that no longer reports it resolves an acknowledged finding too.
        _ = try await ledger.recordFindings(Self.sighting("run-3", day: 2, [], covered: [.revocationFlagged]))
        let resolved = try await Self.one(ledger, .revocationFlagged)
        #expect(resolved.state == .resolved)
        #expect(resolved.resolution == .init(run: "run-3", at: Self.start.addingTimeInterval(2 * Self.day)))
    }

    func findingsResolvedOnlyByCoveringRun(_ ledger: any LedgerStore) async throws {
        let unmapped = Self.observation(.unmappedCourse, .init(course: "31"))
        let unmatched = Self.observation(.unmatchedUser, .init(course: "12", user: "u:petrov"))
        let reversed = Self.observation(.revocationReversed, .init(entry: "E9"))
        _ = try await ledger.recordFindings(Self.sighting("full-1", day: 0, [unmapped, unmatched, reversed]))
        _ = try await ledger.recordFindings(
            Self.sighting(
                "other-site", day: 0, [Self.observation(.unmappedCourse, .init(course: "31"), site: "site-b")],
                site: "site-b"))

        // A run that covered nothing (an incremental run of the report path) resolves nothing.
        #expect(try await ledger.recordFindings(Self.sighting("incremental", day: 1, [])) == FindingsRecorded())
        #expect(try await ledger.findings(FindingFilter(states: [.open])).count == 4)

        // A run that covered unmapped courses only resolves the unmapped course, not the user.
        let partial = try await ledger.recordFindings(Self.sighting("classic", day: 2, [], covered: [.unmappedCourse]))
        #expect(partial == FindingsRecorded(resolved: 1))
        let course = try await Self.one(ledger, .unmappedCourse)
        #expect(course.state == .resolved)
        #expect(course.resolution?.run == "classic")
        #expect(try await Self.one(ledger, .unmatchedUser).state == .open)
        // Another site's finding is never resolved by this site's run.
        #expect(try await Self.one(ledger, .unmappedCourse, site: "site-b").state == .open)

        // A covering run that reports it again keeps it open; what it covers and does not report goes.
        let full = try await ledger.recordFindings(
            Self.sighting(
                "full-2", day: 3, [unmatched], covered: Set(FindingKind.allCases).subtracting([.revocationReversed])))
        #expect(full == FindingsRecorded(seenAgain: 1))
        #expect(try await Self.one(ledger, .unmatchedUser).state == .open)
        // A reversal no run covers stays open until acknowledged.
        #expect(try await Self.one(ledger, .revocationReversed).state == .open)
    }

    func findingsReopenWhenSeenAgain(_ ledger: any LedgerStore) async throws {
        let unmapped = Self.observation(.unmappedCourse, .init(course: "31"))
        _ = try await ledger.recordFindings(Self.sighting("run-1", day: 0, [unmapped]))
        let id = try await Self.one(ledger, .unmappedCourse).id
        #expect(try await ledger.acknowledgeFinding(id: id, by: "ivanova", reason: "course closes", at: Self.start))
        _ = try await ledger.recordFindings(Self.sighting("run-2", day: 1, [], covered: [.unmappedCourse]))
        #expect(try await Self.one(ledger, .unmappedCourse).state == .resolved)
        // A resolved finding is not acknowledged.
        #expect(!(try await ledger.acknowledgeFinding(id: id, by: "ivanova", reason: "x", at: Self.start)))

        let again = try await ledger.recordFindings(
            Self.sighting("run-3", day: 2, [unmapped], covered: [.unmappedCourse]))
        #expect(again == FindingsRecorded(reopened: 1))
        let reopened = try await Self.one(ledger, .unmappedCourse)
        #expect(reopened.id == id)
        #expect(reopened.state == .open)
        #expect(reopened.firstSeenRun == "run-1")
        #expect(reopened.firstSeenAt == Self.start)
        #expect(reopened.lastSeenRun == "run-3")
        #expect(reopened.openedAt == Self.start.addingTimeInterval(2 * Self.day))
        #expect(reopened.resolution == nil)
        #expect(reopened.acknowledgement == nil)
        // What is new since the day before: the finding opened again.
        #expect(
            try await ledger.findings(FindingFilter(openedSince: Self.start.addingTimeInterval(Self.day))).map(\.id)
                == [id])
    }

    func findingsQueueVisits(_ ledger: any LedgerStore) async throws {
        let staff = try #require(ledger as? any StaffStore, "the backend keeps no staff accounts")
        #expect(try await staff.findingsQueueVisit(login: "ivanova") == nil)
        let first = FindingsQueueVisit(lastSeenAt: Self.start, previousAt: nil)
        try await staff.recordFindingsQueueVisit(first, login: "ivanova")
        #expect(try await staff.findingsQueueVisit(login: "ivanova") == first)
        let second = FindingsQueueVisit(lastSeenAt: Self.start.addingTimeInterval(Self.day), previousAt: Self.start)
        try await staff.recordFindingsQueueVisit(second, login: "ivanova")
        #expect(try await staff.findingsQueueVisit(login: "ivanova") == second)
        #expect(try await staff.findingsQueueVisit(login: "admin") == nil)
    }
}
