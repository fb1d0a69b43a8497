import BridgeApplication
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import Testing

/// A course's hours field changed in Moodle after its completions were credited.
@Suite("Course hours that change", .serialized)
struct HoursChangeTests {
    @Test("a full sync reports the credits at the old hours and rewrites nothing; rehour re-credits them")
    func hoursChanged() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true, timeout: .seconds(120))
        // A ripk course credited by its own hours field (no module in the mapping files).
        let credits = try await region.ledger.entries(person: nil).filter { $0.isCredit }
        let scenario = region.ripk.scenario
        let course = try #require(
            scenario.courses.first { course in
                course.shortname != "MOD-2"
                    && credits.contains {
                        if case .moodle("ripk", course.id, _) = $0.source { return true } else { return false }
                    }
            })
        let module = try #require(
            credits.first {
                if case .moodle("ripk", course.id, _) = $0.source { return true } else { return false }
            }?.module)
        let old = try #require(Int(course.customFields["hours"] ?? ""))
        let new = old == 36 ? 24 : 36
        region.ripk.setCourseField("hours", of: course.id, to: String(new))
        let before = try await region.ledger.entryCount()
        let full = await region.sync(full: true, timeout: .seconds(120))
        #expect(try await region.ledger.entryCount() == before)
        let finding = try #require(
            full.sites.first { $0.site == "ripk" }?.findings.first { $0.kind == .hoursMismatch })
        #expect(finding.module == module)
        #expect(finding.detail.en.contains("at \(old) h") && finding.detail.en.contains("now has \(new) h"))
        #expect(finding.detail.en.contains("ledger rehour \(module)"))

        let rehoured = try await RehourCredits(mapping: region.mapping, ledger: { region.ledger }).run(
            .init(module: module.rawValue, hours: new, document: "приказ 3", reason: "часы курса", operator: "admin"))
        #expect(rehoured.changes.count > 0 && rehoured.written == 2 * rehoured.changes.count)
        let after = await region.sync(full: true, timeout: .seconds(120))
        await region.stop()
        #expect(after.newCredits == 0)
        #expect(!(after.sites.first { $0.site == "ripk" }?.findings.contains { $0.kind == .hoursMismatch } ?? true))
    }

    @Test("classic path: a module's hours changed in the mapping files are reported, then rehour re-credits them")
    func mappingHoursChanged() async throws {
        let region = try await TwoSiteRegion()
        _ = await region.sync(full: true, timeout: .seconds(120))
        let credited = try await region.ledger.standingCredits(person: nil).filter { $0.module == "NORTH-3" }
        #expect(!credited.isEmpty && credited.allSatisfy { $0.hours == 12 })
        // The registrar edits modules.yaml: NORTH-3 is now an 18-hour seminar.
        var edited = region.mapping
        let index = try #require(edited.modules.firstIndex { $0.module.id == "NORTH-3" })
        edited.modules[index].module.hours = 18
        let before = try await region.ledger.entryCount()
        let full = await region.sync(full: true, timeout: .seconds(120), mapping: edited)
        #expect(full.failures.map(\.message) == [])
        #expect(try await region.ledger.entryCount() == before)
        let finding = try #require(
            full.sites.first { $0.site == "north" }?.findings.first { $0.kind == .hoursMismatch })
        #expect(finding.module == "NORTH-3")
        #expect(finding.detail.en.contains("at 12 h") && finding.detail.en.contains("now has 18 h"))

        let rehoured = try await RehourCredits(mapping: edited, ledger: { region.ledger }).run(
            .init(module: "NORTH-3", document: "приказ 4", reason: "объём семинара 18 ч", operator: "admin"))
        #expect(rehoured.changes.count == credited.count && rehoured.written == 2 * credited.count)
        let after = await region.sync(full: true, timeout: .seconds(120), mapping: edited)
        await region.stop()
        #expect(after.newCredits == 0)
        #expect(!(after.sites.first { $0.site == "north" }?.findings.contains { $0.kind == .hoursMismatch } ?? true))
        let now = try await region.ledger.standingCredits(person: nil).filter { $0.module == "NORTH-3" }
        #expect(now.count == credited.count && now.allSatisfy { $0.hours == 18 })
    }
}
