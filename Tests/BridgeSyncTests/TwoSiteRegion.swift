import BridgeApplication
import BridgeConfig
import BridgeSync
import CreditCore
import FakeMoodle
import Foundation
import LedgerSQLite
import Logging
import MoodleClient

/// Two fake Moodle sites and the mapping that describes them, for end-to-end sync tests.
///
/// `ripk` is read through its completion report (JSON); `north` the classic way (XML) and flags
/// nothing but reverses revocations. Users with the same number on both sites share their e-mail
/// address, so they are one person. Course 2 on both sites teaches the same module.
final class TwoSiteRegion: Sendable {
    let ripk: FakeMoodleServer
    let north: FakeMoodleServer
    let mapping: RegionMapping
    /// How each site is reached: its fake server.
    let connections: [SiteID: SiteConnection]
    let ledger: SQLiteLedger
    static let token = Scenario.serviceToken

    /// `adjust` changes the `ripk` scenario before its server starts, `adjustNorth` the `north` one;
    /// `northIdentity` is the `north` site's identity keys, `identityMerge` the mapping's
    /// `identity: { merge: … }`, `ripkRevocations` the `ripk` site's revocation policy.
    init(
        seed: UInt64 = 7, ledger: SQLiteLedger? = nil, northIdentity: [SiteConfig.IdentityKey] = [.email],
        identityMerge: IdentityMergePolicy = .review, ripkRevocations: SiteConfig.RevocationPolicy = .flag,
        adjust: (inout Scenario) -> Void = { _ in }, adjustNorth: (inout Scenario) -> Void = { _ in }
    ) async throws {
        var ripkScenario = Scenario.generate(seed: seed, users: 40, courses: 5, completionRate: 0.5)
        adjust(&ripkScenario)
        var northScenario = Scenario.generate(seed: seed + 1, users: 25, courses: 3, completionRate: 0.5)
        adjustNorth(&northScenario)
        // The north site has one course nobody mapped and that carries no hours.
        northScenario.courses[2].customFields["hours"] = nil
        ripkScenario.site.timezone = "Europe/Moscow"
        northScenario.site.timezone = "Europe/Moscow"
        ripk = FakeMoodleServer(scenario: ripkScenario)
        north = FakeMoodleServer(scenario: northScenario)
        let ripkURL = try await ripk.start()
        let northURL = try await north.start()
        var mapping = RegionMapping(
            sites: [
                SiteConfig(
                    id: "ripk", name: "ripk", hoursField: "hours", identity: [.profileField("snils"), .email],
                    revocations: ripkRevocations),
                SiteConfig(id: "north", name: "north", identity: northIdentity, revocations: .reverse),
            ],
            modules: [
                ModuleMapping(
                    module: Module(id: "SHARED", title: "Shared module", hours: 36, form: .distance),
                    courses: [
                        CourseReference(site: "ripk", key: .shortname("MOD-2")),
                        CourseReference(site: "north", key: .shortname("MOD-2")),
                    ]),
                ModuleMapping(
                    module: Module(id: "NORTH-3", title: "North module", hours: 12, form: .seminar),
                    courses: [CourseReference(site: "north", key: .id(3))]),
            ],
            programs: [
                ProgramMapping(
                    program: Program(
                        id: "PK-72", title: "Free", kind: .freeChoice(allowed: nil), opensAutomatically: true))
            ])
        mapping.organisation.identityMerge = identityMerge
        self.mapping = mapping
        connections = [
            "ripk": SiteConnection(
                site: "ripk", baseURL: ripkURL, token: .environment("UNUSED"), format: .json, completionReportID: 1),
            "north": SiteConnection(site: "north", baseURL: northURL, token: .environment("UNUSED"), format: .xml),
        ]
        self.ledger = try ledger ?? SQLiteLedger()
    }

    func stop() async {
        await ripk.stop()
        await north.stop()
    }

    func runner(
        retry: MoodleRetryPolicy = MoodleRetryPolicy(
            maxAttempts: 4, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50)),
        timeout: Duration = .seconds(5), mapping: RegionMapping? = nil
    ) -> SyncRunner {
        SyncRunner(
            configuration: RegionConfiguration(mapping: mapping ?? self.mapping, connections: connections),
            ledger: ledger, logger: Logger(label: "test")
        ) { _, connection in
            MoodleSite(
                configuration: MoodleSiteConfiguration(
                    baseURL: connection.baseURL, token: MoodleToken(Self.token),
                    format: connection.format == .xml ? .xml : .json, timeout: timeout, retry: retry, language: "en"))
        }
    }

    /// How `site` is reached.
    func connection(_ site: SiteConfig) throws -> SiteConnection {
        try RegionConfiguration(mapping: mapping, connections: connections).connection(for: site.id)
    }

    /// The check of `site` as `moodle-bridge check` runs it; with `mapping`, it also says what a run costs.
    func check(_ site: SiteConfig, mapping: RegionMapping? = nil) throws -> SiteCheck {
        let connection = try connection(site)
        return SiteCheck(
            site: site, connection: connection, client: try runner().makeSite(site, connection), mapping: mapping)
    }

    /// One run of both sites; `mapping` stands for the mapping files edited since the region started.
    func sync(
        full: Bool = false, now: Date = Date(timeIntervalSince1970: 1_767_225_600), timeout: Duration = .seconds(5),
        mapping: RegionMapping? = nil
    ) async -> SyncRunner.Summary {
        await runner(timeout: timeout, mapping: mapping).run(
            sites: nil, options: SyncOptions(isFull: full, now: now, runID: "run-\(UUID().uuidString.prefix(6))"),
            progress: { _ in })
    }

    /// What the ledger must hold: per site, the completions Moodle lets that path see, in mapped
    /// courses, as (e-mail, module, completion time) — to the minute on the report path.
    func expectedCredits() -> Set<ExpectedCredit> {
        var expected: Set<ExpectedCredit> = []
        let now = 1_767_225_600
        for (server, isReport) in [(ripk, true), (north, false)] {
            let scenario = server.scenario
            let siteID: SiteID = isReport ? "ripk" : "north"
            for completion in scenario.completions {
                guard let user = scenario.users.first(where: { $0.id == completion.userID }), !user.deleted,
                    let course = scenario.courses.first(where: { $0.id == completion.courseID }),
                    let module = mapping.module(
                        site: siteID, courseID: course.id, idnumber: course.idnumber, shortname: course.shortname)
                        ?? (isReport
                            ? course.customFields["hours"].flatMap(Int.init).flatMap {
                                Program.defaultModuleHours.contains($0) ? $0 : nil
                            }.map {
                                Module(
                                    id: ModuleID(
                                        course.idnumber.isEmpty ? "ripk:\(course.shortname)" : course.idnumber),
                                    title: "", hours: CreditHours($0), form: .distance)
                            } : nil)
                else { continue }
                if !isReport {
                    let enrolments = scenario.enrolments.filter { $0.userID == user.id && $0.courseID == course.id }
                    guard !user.suspended, enrolments.contains(where: { $0.isActive(at: now) }) else { continue }
                }
                let time = isReport ? completion.timeCompleted / 60 * 60 : completion.timeCompleted
                expected.insert(
                    ExpectedCredit(email: user.email.lowercased(), module: module.id, time: time, site: siteID))
            }
        }
        return expected
    }

    /// What the ledger holds, in the same terms.
    func actualCredits() async throws -> Set<ExpectedCredit> {
        let persons = Dictionary(uniqueKeysWithValues: try await ledger.persons().map { ($0.id, $0) })
        return Set(
            try await ledger.entries(person: nil).filter(\.isCredit).compactMap { entry in
                guard case .moodle(let site, _, _) = entry.source, let email = persons[entry.person]?.email else {
                    return nil
                }
                return ExpectedCredit(
                    email: email.lowercased(), module: entry.module, time: Int(entry.occurredAt.timeIntervalSince1970),
                    site: site)
            })
    }
}

struct ExpectedCredit: Hashable, CustomStringConvertible {
    var email: String
    var module: ModuleID
    var time: Int
    var site: SiteID

    var description: String { "\(site) \(email) \(module) @\(time)" }
}
