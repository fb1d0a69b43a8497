import BridgeApplication
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// One teacher known under two persons: a ripk user (report path, JSON) and a north user (classic
/// path, XML) with different e-mail addresses, both credited the shared module. A SNILS both
/// profiles carry makes them a possible duplicate; `persons merge` (or `identity: { merge: auto }`
/// once the SNILS is valid) makes them one person, and `persons unmerge` two again.
@Suite("Merging persons end to end", .serialized)
struct PersonMergeSyncTests {
    static let invalidSNILS = "155-972-418 99"
    static let validSNILS = "112-233-445 95"
    /// The moment ``TwoSiteRegion/sync(full:now:timeout:)`` syncs at.
    static let syncNow = Date(timeIntervalSince1970: 1_767_225_600)

    /// The two users, and one completion of each held back from the first sync.
    struct Pair {
        var ripkUser: Int
        var northUser: Int
        var ripkEmail: String
        var northEmail = "second-account@north.example.org"
        var heldRipk: Completion
        /// The module of the ripk completion held back.
        var heldRipkModule: ModuleID
        var heldNorth: Completion
    }

    /// Picks a ripk user credited the shared module and one more, and a north user (another number)
    /// credited the shared module and NORTH-3; gives both the invalid SNILS and holds one completion
    /// of each back.
    static func prepare(_ region: TwoSiteRegion) throws -> Pair {
        let expected = region.expectedCredits()
        let ripk = region.ripk.scenario
        let north = region.north.scenario
        func credited(_ email: String, _ site: SiteID) -> [ExpectedCredit] {
            expected.filter { $0.email == email.lowercased() && $0.site == site }.sorted { $0.time < $1.time }
        }
        let ripkUser = try #require(
            ripk.users.first { user in
                let credits = credited(user.email, "ripk")
                return credits.contains { $0.module == "SHARED" } && credits.contains { $0.module != "SHARED" }
                    && !north.users.contains { $0.email.lowercased() == user.email.lowercased() }
            })
        let northUser = try #require(
            north.users.first { user in
                let modules = Set(credited(user.email, "north").map(\.module))
                return user.id != ripkUser.id && modules.isSuperset(of: ["SHARED", "NORTH-3"])
            })
        let other = try #require(credited(ripkUser.email, "ripk").first { $0.module != "SHARED" })
        let heldRipk = try #require(
            ripk.completions.first { completion in
                completion.userID == ripkUser.id && completion.timeCompleted / 60 * 60 == other.time
                    && ripk.courses.first { $0.id == completion.courseID }?.shortname != "MOD-2"
            })
        let heldNorth = try #require(north.completions.first { $0.userID == northUser.id && $0.courseID == 3 })
        let pair = Pair(
            ripkUser: ripkUser.id, northUser: northUser.id, ripkEmail: ripkUser.email, heldRipk: heldRipk,
            heldRipkModule: other.module, heldNorth: heldNorth)
        region.ripk.updateScenario { scenario in
            let index = scenario.users.firstIndex { $0.id == pair.ripkUser }!
            scenario.users[index].profile["snils"] = invalidSNILS
            scenario.completions.removeAll { $0 == pair.heldRipk }
        }
        region.north.updateScenario { scenario in
            let index = scenario.users.firstIndex { $0.id == pair.northUser }!
            scenario.users[index].profile["snils"] = invalidSNILS
            scenario.users[index].email = pair.northEmail
            scenario.completions.removeAll { $0 == pair.heldNorth }
        }
        return pair
    }

    /// The administrator corrects the SNILS on both sites, and each user completes one more course.
    static func correctSNILS(_ region: TwoSiteRegion, _ pair: Pair) {
        region.ripk.updateScenario { scenario in
            let index = scenario.users.firstIndex { $0.id == pair.ripkUser }!
            scenario.users[index].profile["snils"] = validSNILS
            scenario.completions.append(pair.heldRipk)
        }
        region.north.updateScenario { scenario in
            let index = scenario.users.firstIndex { $0.id == pair.northUser }!
            scenario.users[index].profile["snils"] = validSNILS
            scenario.completions.append(pair.heldNorth)
        }
    }

    /// The administrator corrects the SNILS on both sites, and nothing else changes.
    static func correctSNILSOnly(_ region: TwoSiteRegion, _ pair: Pair) {
        region.ripk.setProfileField("snils", of: pair.ripkUser, to: validSNILS)
        region.north.setProfileField("snils", of: pair.northUser, to: validSNILS)
    }

    static func person(_ ledger: any LedgerStore, email: String) async throws -> PersonID {
        try #require(try await ledger.persons().first { $0.email?.lowercased() == email.lowercased() }).id
    }

    static func modules(_ ledger: any LedgerStore, _ person: PersonID) async throws -> Set<ModuleID> {
        Set(try await ledger.standingCredits(person: person).map(\.module))
    }

    @Test("a SNILS failing its check digits on two persons of two sites is a possible-duplicate finding")
    func sharedInvalidSNILS() async throws {
        let region = try await TwoSiteRegion(northIdentity: [.profileField("snils"), .email])
        let pair = try Self.prepare(region)
        let summary = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        #expect(summary.failures.map(\.message) == [])
        let ripkPerson = try await Self.person(region.ledger, email: pair.ripkEmail)
        let northPerson = try await Self.person(region.ledger, email: pair.northEmail)
        #expect(ripkPerson != northPerson)
        let findings = try #require(summary.sites.first { $0.site == "north" }).findings.filter {
            $0.kind == .possibleDuplicate
        }
        #expect(findings.count == 1, "\(findings)")
        let detail = try #require(findings.first).detail.en
        #expect(detail.contains("15597241899") && detail.contains(ripkPerson.rawValue), "\(detail)")
        #expect(detail.contains(northPerson.rawValue))
        // Both persons are credited as before: the finding stops nothing.
        #expect(try await Self.modules(region.ledger, ripkPerson).contains("SHARED"))
        #expect(try await Self.modules(region.ledger, northPerson) == ["SHARED"])
    }

    @Test(
        "a SNILS corrected on both sites merges the two persons under merge: auto, and is reported under review",
        arguments: [IdentityMergePolicy.auto, .review])
    func correctedSNILS(_ policy: IdentityMergePolicy) async throws {
        let region = try await TwoSiteRegion(northIdentity: [.profileField("snils"), .email], identityMerge: policy)
        let pair = try Self.prepare(region)
        _ = await region.sync(full: true, timeout: .seconds(120))
        let ledger = region.ledger
        let ripkPerson = try await Self.person(ledger, email: pair.ripkEmail)
        let northPerson = try await Self.person(ledger, email: pair.northEmail)
        let ripkModules = try await Self.modules(ledger, ripkPerson)
        let northModules = try await Self.modules(ledger, northPerson)
        Self.correctSNILS(region, pair)
        let summary = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        #expect(summary.failures.map(\.message) == [])
        let north = try #require(summary.sites.first { $0.site == "north" })
        let merges = try await ledger.personMerges()
        switch policy {
        case .auto:
            let merge = try #require(merges.first?.merge)
            #expect(merges.count == 1)
            #expect(merge.kind == .merge && merge.keep == ripkPerson && merge.other == northPerson)
            #expect(merge.reason.contains("same valid SNILS 11223344595") && merge.actor == "sync")
            #expect(merge.run != nil)
            // One person: every module of both (the shared one once), and both new completions.
            #expect(try await ledger.standingCredits(person: northPerson).isEmpty)
            let modules = try await Self.modules(ledger, ripkPerson)
            #expect(modules == ripkModules.union(northModules).union([pair.heldRipkModule, "NORTH-3"]))
            let total = try #require(try await ledger.standingTotals().first { $0.person == ripkPerson })
            #expect(total.modules == modules.count)
            #expect(try await ledger.person(kind: .moodleUser("north"), value: "\(pair.northUser)") != northPerson)
            #expect(!north.findings.contains { $0.kind == .possibleDuplicate })
        case .review:
            #expect(merges.isEmpty)
            let findings = north.findings.filter { $0.kind == .possibleDuplicate }
            #expect(findings.count == 1, "\(findings)")
            #expect(findings.first?.detail.en.contains("SNILS 11223344595 leads to \(ripkPerson)") == true)
            #expect(try await Self.modules(ledger, northPerson) == northModules)
        }
        #expect(try await ledger.verify().isIntact)
    }

    @Test(
        "a SNILS corrected on both sites with no new completion: the next full sync merges under auto, reports under review",
        arguments: [IdentityMergePolicy.auto, .review])
    func correctedSNILSNothingNew(_ policy: IdentityMergePolicy) async throws {
        let region = try await TwoSiteRegion(northIdentity: [.profileField("snils"), .email], identityMerge: policy)
        let pair = try Self.prepare(region)
        _ = await region.sync(full: true, timeout: .seconds(120))
        let ledger = region.ledger
        let ripkPerson = try await Self.person(ledger, email: pair.ripkEmail)
        let northPerson = try await Self.person(ledger, email: pair.northEmail)
        let both = try await Self.modules(ledger, ripkPerson).union(try await Self.modules(ledger, northPerson))
        let entries = try await ledger.entryCount()
        Self.correctSNILSOnly(region, pair)
        let summary = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        #expect(summary.failures.map(\.message) == [] && summary.newCredits == 0)
        #expect(try await ledger.entryCount() == entries)
        let found = summary.sites.flatMap(\.findings).filter { $0.kind == .possibleDuplicate }
        let merges = try await ledger.personMerges()
        switch policy {
        case .auto:
            #expect(merges.count == 1 && merges.first?.merge.keep == ripkPerson)
            #expect(merges.first?.merge.other == northPerson && found.isEmpty, "\(found)")
            #expect(try await Self.modules(ledger, ripkPerson) == both)
        case .review:
            #expect(merges.isEmpty)
            #expect(found.count == 1, "\(found)")
            #expect(found.first?.detail.en.contains("SNILS 11223344595 leads to \(ripkPerson)") == true)
        }
        #expect(try await ledger.verify().isIntact)
    }

    @Test("persons merge counts a module credited to both once; persons unmerge restores the exact totals")
    func mergeThenUnmerge() async throws {
        let region = try await TwoSiteRegion(northIdentity: [.profileField("snils"), .email])
        let pair = try Self.prepare(region)
        _ = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        let ledger = region.ledger
        let ripkPerson = try await Self.person(ledger, email: pair.ripkEmail)
        let northPerson = try await Self.person(ledger, email: pair.northEmail)
        let totalsBefore = try await ledger.standingTotals()
        let creditsBefore = Set(try await ledger.standingCredits(person: nil))
        let monthsBefore = Set(try await ledger.standingMonths().rows)
        let routesBefore = try await ledger.routes(person: nil).map(\.route).sorted { $0.id < $1.id }
        let keep = try #require(totalsBefore.first { $0.person == ripkPerson })
        let other = try #require(totalsBefore.first { $0.person == northPerson })
        let sharedHours = try #require(
            try await ledger.standingCredits(person: northPerson).first { $0.module == "SHARED" }
        ).hours

        let merged = try await MergePersons(mapping: region.mapping, ledger: { ledger }, now: Self.syncNow).run(
            .init(
                keep: ripkPerson.rawValue, other: northPerson.rawValue, reason: "one teacher, two accounts",
                operator: "petrova"))
        #expect(merged.before == [keep, other])
        // The shared module counts once.
        #expect(merged.after.modules == keep.modules + other.modules - 1)
        #expect(merged.after.hours == keep.hours + other.hours - sharedHours)
        #expect(try await ledger.standingTotals().contains { $0.person == northPerson } == false)
        #expect(try await ledger.personMerges().first?.merge.actor == "petrova")
        let card = try await LearnerCard(mapping: region.mapping, connections: region.connections, ledger: { ledger })
            .run(person: ripkPerson.rawValue)
        #expect(card.entries.filter { !$0.reversed && $0.reverses == nil }.count == keep.modules + other.modules)
        // Each Moodle entry links to its course on the site's address, from the site's connection.
        let links = card.entries.compactMap { entry -> (site: String, id: Int, url: String?)? in
            guard case .moodle(let site, _, let courseID, let url) = entry.source else { return nil }
            return (site, courseID, url)
        }
        #expect(Set(links.map(\.site)) == ["ripk", "north"])
        for link in links {
            let base = try #require(region.connections[SiteID(link.site)]?.baseURL)
            #expect(link.url == base.appendingPathComponent("course/view.php").absoluteString + "?id=\(link.id)")
        }
        // Without connection settings the card names the course without a link.
        let unlinked = try await LearnerCard(mapping: region.mapping, ledger: { ledger })
            .run(person: ripkPerson.rawValue)
        #expect(
            unlinked.entries.allSatisfy {
                guard case .moodle(_, _, _, let url) = $0.source else { return true }
                return url == nil
            })
        #expect(
            try await ledger.projection(of: ripkPerson).standing(of: ripkPerson).total == merged.after)
        #expect(try await ledger.verify().isIntact)

        // Refused: a chain, a person into itself, an unknown person.
        let merge = MergePersons(mapping: region.mapping, ledger: { ledger }, now: Self.syncNow)
        for (keepID, otherID, words) in [
            (northPerson.rawValue, ripkPerson.rawValue, "already merged"),
            (ripkPerson.rawValue, ripkPerson.rawValue, "into itself"),
            (ripkPerson.rawValue, "P-nobody", "no person 'P-nobody'"),
        ] {
            let error = await #expect(throws: ApplicationError.self) {
                try await merge.run(.init(keep: keepID, other: otherID, reason: "r", operator: "petrova"))
            }
            #expect(error?.message.contains(words) == true, "\(String(describing: error))")
        }

        let unmerged = try await UnmergePersons(mapping: region.mapping, ledger: { ledger }, now: Self.syncNow).run(
            .init(other: northPerson.rawValue, reason: "two teachers after all", operator: "petrova"))
        #expect(unmerged.merge.merge.kind == .unmerge)
        #expect(try await ledger.standingTotals() == totalsBefore)
        #expect(Set(try await ledger.standingCredits(person: nil)) == creditsBefore)
        #expect(Set(try await ledger.standingMonths().rows) == monthsBefore)
        #expect(try await ledger.routes(person: nil).map(\.route).sorted { $0.id < $1.id } == routesBefore)
        #expect(try await ledger.verify().isIntact)
        let again = await #expect(throws: ApplicationError.self) {
            try await UnmergePersons(mapping: region.mapping, ledger: { ledger }, now: Self.syncNow).run(
                .init(other: northPerson.rawValue, reason: "again", operator: "petrova"))
        }
        #expect(again?.message.contains("not merged") == true)
    }
}
