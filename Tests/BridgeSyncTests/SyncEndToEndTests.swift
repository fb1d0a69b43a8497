import BridgeApplication
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import MoodleClient
import Testing

/// The sync against two fake Moodle sites over real HTTP, compared with the scenarios' truth.
@Suite("Sync end to end", .serialized)
struct SyncEndToEndTests {
    @Test("a full sync of two sites credits every visible completion once, merges cross-site persons")
    func fullSyncMatchesTruth() async throws {
        let region = try await TwoSiteRegion()
        let summary = await region.sync(full: true)
        await region.stop()
        #expect(summary.failures.map(\.message) == [])
        let expected = region.expectedCredits()
        let actual = try await region.actualCredits()
        #expect(actual.subtracting(expected).sorted { $0.description < $1.description } == [])
        #expect(expected.subtracting(actual).sorted { $0.description < $1.description } == [])
        #expect(summary.newCredits == expected.count)
        #expect(summary.sites.map(\.path) == [.reportBuilder, .classic])
        // One person per e-mail address, whichever site they came from.
        let persons = try await region.ledger.persons()
        #expect(Set(persons.compactMap(\.email)).count == persons.count)
        #expect(Set(expected.map(\.email)).count == persons.count)
        let shared = expected.filter { $0.module == "SHARED" }
        #expect(Set(shared.map(\.site)) == ["ripk", "north"], "the scenario must exercise the shared module")
        // The north course nobody mapped is reported, and credited nowhere.
        let unmapped = summary.sites.first { $0.site == "north" }?.findings.filter { $0.kind == .unmappedCourse }
        #expect(unmapped?.map(\.courseID) == [4])
        #expect(try await region.ledger.verify().isIntact)
    }

    @Test("hours from Moodle obey the mapping files' bounds: outside 2…36 a finding, not a credit")
    func hostileHoursField() async throws {
        var course: (id: Int, shortname: String)?
        let region = try await TwoSiteRegion { scenario in
            let index = scenario.courses.firstIndex { $0.shortname != "MOD-2" && !$0.customFields.isEmpty }!
            scenario.courses[index].customFields["hours"] = "9223372036854775807"
            course = (scenario.courses[index].id, scenario.courses[index].shortname)
        }
        let summary = await region.sync(full: true)
        await region.stop()
        let hostile = try #require(course)
        #expect(summary.failures.map(\.message) == [])
        let credited = try await region.ledger.entries(person: nil).filter { entry in
            if case .moodle(let site, let courseID, _) = entry.source {
                return site == "ripk" && courseID == hostile.id && entry.isCredit
            }
            return false
        }
        #expect(credited.isEmpty)
        let finding = summary.sites.first { $0.site == "ripk" }?.findings.first {
            $0.kind == .unmappedCourse && $0.courseID == hostile.id
        }
        #expect(
            finding?.detail.en.contains("holds '9223372036854775807', not a whole number of hours within 2…36") == true,
            "\(String(describing: finding))")
        // Everything else is credited as the scenario says.
        #expect(try await region.actualCredits() == region.expectedCredits())
    }

    @Test("a SNILS failing its check digits and an e-mail that is no address are findings naming the user")
    func invalidKeys() async throws {
        var users: [String] = []
        let region = try await TwoSiteRegion { scenario in
            let learners = Array(Set(scenario.completions.map(\.userID))).sorted()
            let snils = scenario.users.firstIndex { $0.id == learners[0] }!
            let email = scenario.users.firstIndex { $0.id == learners[1] }!
            scenario.users[snils].profile["snils"] = "155-972-418 99"
            scenario.users[email].email = "not an address"
            users = [scenario.users[snils].username, scenario.users[email].username]
        }
        let summary = await region.sync(full: true)
        await region.stop()
        let findings = try #require(summary.sites.first { $0.site == "ripk" }).findings.filter {
            $0.kind == .invalidKey
        }
        // (The generated site's own SNILS values end in 00 and mostly fail their check digits too.)
        let snils = findings.filter { $0.user == users[0] }.map(\.detail.en)
        let email = findings.filter { $0.user == users[1] }.map(\.detail.en)
        #expect(snils.contains { $0.contains("profile field snils holds '155-972-418 99'") }, "\(snils)")
        #expect(
            email.contains { $0.contains("email holds 'not an address', which is not an e-mail address") }, "\(email)")
        // One finding per user and key, however many completions the user has.
        #expect(Set(findings.map { "\($0.user ?? "") \($0.detail)" }).count == findings.count)
    }

    @Test("an idnumber two users of one site share is a finding naming both")
    func sharedIdnumber() async throws {
        var users: [String] = []
        let region = try await TwoSiteRegion { scenario in
            let learners = Array(Set(scenario.completions.map(\.userID))).sorted()
            let first = scenario.users.firstIndex { $0.id == learners[0] }!
            let second = scenario.users.firstIndex { $0.id == learners[1] }!
            scenario.users[first].idnumber = "PED-77"
            scenario.users[second].idnumber = "PED-77"
            users = [scenario.users[first].username, scenario.users[second].username]
        }
        let summary = await region.sync(full: true)
        await region.stop()
        let findings = try #require(summary.sites.first { $0.site == "ripk" }).findings.filter {
            $0.kind == .invalidKey && $0.detail.en.contains("idnumber 'PED-77' is also the idnumber of user")
        }
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(Set([finding.user ?? ""]).isSubset(of: Set(users)))
        #expect(users.contains { finding.detail.en.contains("of user \($0) of this site") })
    }

    @Test("a Moodle name with a control or bidirectional character is a finding, and stored without it")
    func unsafeNames() async throws {
        var username = ""
        var email = ""
        let region = try await TwoSiteRegion { scenario in
            let learner = Array(Set(scenario.completions.map(\.userID))).sorted()[0]
            let index = scenario.users.firstIndex { $0.id == learner }!
            scenario.users[index].lastname = "Ива\u{202E}нова"
            scenario.users[index].firstname = "Анна\u{0}"
            username = scenario.users[index].username
            email = scenario.users[index].email.lowercased()
        }
        let summary = await region.sync(full: true)
        await region.stop()
        let findings = try #require(summary.sites.first { $0.site == "ripk" }).findings.filter {
            $0.kind == .unsafeName && $0.user == username
        }
        #expect(findings.count == 2, "\(findings)")
        #expect(
            findings.contains {
                $0.detail.en.contains("lastname ('Иванова') holds a bidirectional control character (U+202E)")
            })
        #expect(findings.contains { $0.detail.ru.contains("поле firstname («Анна») содержит символ NUL (U+0000)") })
        let person = try #require(try await region.ledger.persons().first { $0.email?.lowercased() == email })
        #expect(person.lastName == "Иванова" && person.firstName == "Анна")
    }

    @Test("a second run writes nothing and makes at most 3 requests on the report path")
    func incrementalNoChange() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true)
        let count = try await region.ledger.entryCount()
        let again = await region.sync()
        await region.stop()
        #expect(again.failures.map(\.message) == [])
        #expect(again.newCredits == 0)
        #expect(try await region.ledger.entryCount() == count)
        let ripk = try #require(again.sites.first { $0.site == "ripk" })
        #expect(!ripk.isFull)
        // Site info, the date filter and one report page: the re-read rows are mapped by the course
        // ids the last course list gave, so the course list is not read.
        #expect(ripk.requests <= 3, "requests: \(ripk.requests)")
        #expect(!ripk.coursesRead && ripk.alreadyCredited > 0)
    }

    @Test("a new completion is picked up by the next incremental run, once")
    func newCompletion() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true)
        let scenario = region.ripk.scenario
        let pair = try #require(
            scenario.enrolments.first { enrolment in
                !scenario.completions.contains { $0.userID == enrolment.userID && $0.courseID == enrolment.courseID }
                    && !(scenario.users.first { $0.id == enrolment.userID }?.deleted ?? true)
            })
        region.ripk.complete(userID: pair.userID, courseID: pair.courseID, at: 1_767_200_000)
        let next = await region.sync()
        let again = await region.sync()
        await region.stop()
        #expect(next.newCredits == 1)
        #expect(again.newCredits == 0)
        #expect(try await region.actualCredits() == region.expectedCredits())
    }

    @Test(
        "transient faults (5xx, 429, maintenance page, truncated body, timeout) are survived: nothing lost or doubled")
    func transientFaults() async throws {
        let region = try await TwoSiteRegion()
        region.ripk.inject(.hang(seconds: 3), function: MoodleFunction.getUsersByField, count: 1)
        region.ripk.inject(.httpStatus(503), function: MoodleFunction.retrieveReport, count: 2)
        region.ripk.inject(.tooManyRequests(retryAfter: 0), function: MoodleFunction.getCoursesByField, count: 1)
        region.north.inject(.maintenance(retryAfter: 0), function: MoodleFunction.getEnrolledUsers, count: 1)
        region.north.inject(.truncatedBody, function: MoodleFunction.callExternalFunctions, count: 1)
        let summary = await region.sync(full: true, timeout: .seconds(1))
        await region.stop()
        #expect(summary.failures.map(\.message) == [])
        #expect(try await region.actualCredits() == region.expectedCredits())
        #expect(try await region.ledger.entryCount() == region.expectedCredits().count)
    }

    @Test("a revoked token stops that site with a clear error and no partial batch; the other site syncs")
    func revokedToken() async throws {
        let region = try await TwoSiteRegion()
        region.north.revokeToken(TwoSiteRegion.token)
        let summary = await region.sync(full: true)
        await region.stop()
        let failure = try #require(summary.failures.first)
        #expect(failure.site == "north" && failure.isPermanent)
        #expect(failure.message.contains("invalidtoken") || failure.message.lowercased().contains("token"))
        #expect(!failure.message.contains(TwoSiteRegion.token))
        let sites = Set(
            try await region.ledger.entries(person: nil).compactMap { entry -> SiteID? in
                if case .moodle(let site, _, _) = entry.source { return site }
                return nil
            })
        #expect(sites == ["ripk"])
        #expect(try await region.ledger.batches().allSatisfy { $0.actor != "north" })
    }

    @Test("a revoked completion: flagged on one site, reversed on the site whose policy says so")
    func revocations() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true)
        let credits = try await region.ledger.entries(person: nil)
        func pair(_ site: SiteID) throws -> (course: Int, user: Int) {
            let entry = try #require(
                credits.first { if case .moodle(site, _, let user) = $0.source { user > 0 } else { false } })
            guard case .moodle(_, let course, let user) = entry.source else { throw CancellationError() }
            return (course, user)
        }
        let ripkPair = try pair("ripk")
        let northPair = try pair("north")
        region.ripk.revokeCompletion(userID: ripkPair.user, courseID: ripkPair.course)
        region.north.revokeCompletion(userID: northPair.user, courseID: northPair.course)
        let summary = await region.sync(full: true)
        await region.stop()
        let findings = summary.findings
        #expect(findings.filter { $0.kind == .revocationFlagged }.map(\.site) == ["ripk"])
        #expect(findings.filter { $0.kind == .revocationReversed }.map(\.site) == ["north"])
        #expect(summary.sites.first { $0.site == "north" }?.reversals == 1)
        let reversals = try await region.ledger.entries(person: nil).filter { !$0.isCredit }
        #expect(reversals.count == 1)
    }

    @Test("a credit reversed by the site's policy behind an issued certificate is a finding naming it")
    func reversalBehindACertificate() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true)
        let credit = try #require(
            try await region.ledger.entries(person: nil).first {
                if case .moodle("north", _, let user) = $0.source { user > 0 } else { false }
            })
        guard case .moodle(_, let course, let user) = credit.source else { throw CancellationError() }
        let module = DocumentModule(
            module: credit.module, title: "модуль", form: credit.form, hours: credit.hours,
            occurredAt: credit.occurredAt, entry: credit.id)
        let issued = try await region.ledger.issueDocuments([
            DocumentRequest(
                kind: .certificate, route: "R-1", person: credit.person, hours: 72, issuedAt: credit.occurredAt,
                year: 2026,
                content: DocumentContent(
                    program: "PK-72", programTitle: "ПК", programHours: 72, completedAt: credit.occurredAt,
                    modules: [module]))
        ])
        let number = try #require(issued.first?.registrationNumber)
        region.north.revokeCompletion(userID: user, courseID: course)
        let summary = await region.sync(full: true)
        await region.stop()
        let north = try #require(summary.sites.first { $0.site == "north" })
        #expect(north.reversals == 1)
        let findings = north.findings.filter { $0.kind == .documentReliesOnReversedCredit }
        #expect(findings.map(\.detail.en) == ["certificate \(number) relies on reversed credit \(credit.id)"])
        #expect(findings.first?.person == credit.person && findings.first?.entry == credit.id)
        // The certificate itself is untouched.
        #expect(try await region.ledger.documents().first?.request.content?.modules == [module])
    }

    @Test("a run that would reverse many credits at once reverses none, flags them and fails the site")
    func massRevocationHeldBack() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true)
        let northCredits = try await region.ledger.entries(person: nil).compactMap { entry -> (Int, Int)? in
            guard entry.isCredit, case .moodle("north", let course, let user) = entry.source, user > 0 else {
                return nil
            }
            return (course, user)
        }
        #expect(northCredits.count > 5, "the scenario must give north more credits than the guard's minimum")
        for (course, user) in northCredits { region.north.revokeCompletion(userID: user, courseID: course) }
        let summary = await region.sync(full: true)
        await region.stop()
        let north = try #require(summary.sites.first { $0.site == "north" })
        #expect(north.reversals == 0)
        #expect(north.reversalsHeldBack == northCredits.count)
        #expect(north.findings.filter { $0.kind == .revocationReversed }.isEmpty)
        let flagged = north.findings.filter { $0.kind == .revocationFlagged }
        #expect(flagged.count == northCredits.count)
        #expect(flagged.allSatisfy { $0.detail.en.contains("held back") })
        #expect(try await region.ledger.entries(person: nil).filter { !$0.isCredit }.isEmpty)
        let failure = try #require(summary.failures.first { $0.site == "north" })
        #expect(failure.isPermanent)
        #expect(failure.message.contains("Moodle reports \(northCredits.count) credited completions"))
    }

    @Test("a credit is reversed once: by the site's policy, then not by hand; by hand, then not by the sync")
    func reversedOnce() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true)
        let ledger = region.ledger
        let credits = try await ledger.entries(person: nil).filter {
            if case .moodle("north", _, let user) = $0.source { user > 0 } else { false }
        }
        let (first, second) = (credits[0], credits[1])
        func pair(_ entry: LedgerEntry) -> (course: Int, user: Int) {
            guard case .moodle(_, let course, let user) = entry.source else { return (0, 0) }
            return (course, user)
        }
        let reverseCredit = ReverseCredit(mapping: region.mapping, ledger: { ledger })
        func reverseByHand(_ entry: LedgerEntry) async throws {
            _ = try await reverseCredit.run(
                .init(entry: entry.id.rawValue, document: "приказ 6", operator: "Петрова", reason: "ошибка"))
        }
        // The second credit is reversed by hand first; then Moodle revokes both completions.
        try await reverseByHand(second)
        region.north.revokeCompletion(userID: pair(first).user, courseID: pair(first).course)
        region.north.revokeCompletion(userID: pair(second).user, courseID: pair(second).course)
        let summary = await region.sync(full: true)
        await region.stop()
        #expect(summary.sites.first { $0.site == "north" }?.reversals == 1)
        let reversals = try await ledger.entries(person: nil).filter { !$0.isCredit }
        #expect(reversals.count == 2)
        #expect(Set(reversals.map(\.idempotencyKey)) == [Reversal.key(of: first.id), Reversal.key(of: second.id)])
        // The credit the sync reversed cannot be reversed again by hand.
        do {
            try await reverseByHand(first)
            Issue.record("a second reversal of \(first.id) was accepted")
        } catch let error as ApplicationError {
            #expect(error.kind == .notReversible)
            #expect(
                error.message.contains("already reversed by") && error.message.contains("by the sync of site north"))
        }
    }
}
