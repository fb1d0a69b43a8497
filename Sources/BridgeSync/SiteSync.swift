import BridgeConfig
import CreditCore
import Foundation
import Logging
import MoodleClient

/// Syncs one Moodle site into the ledger: site check → courses and their hours → completions →
/// identity → ledger, writing each chunk in one transaction with its cursor.
struct SiteSync {
    let site: SiteConfig
    /// How the site is reached: which completion report it offers.
    let connection: SiteConnection
    let mapping: RegionMapping
    let ledger: any LedgerStore
    let moodle: MoodleSite
    let options: SyncOptions
    let logger: Logger
    let progress: @Sendable (SyncProgress) -> Void

    static let highWaterStream = "completions-high-water"
    static let lastFullStream = "last-full-sync"
    /// The course ids of the course list last read, by `i:IDNUMBER` and `s:SHORTNAME` (JSON): an
    /// incremental run maps the rows it re-reads with them, so it need not read the course list.
    static let courseKeysStream = "course-keys"
    /// Report timestamps are minute-granular and Moodle's completion cron lags: re-read an hour.
    static let overlap: TimeInterval = 3600

    func run() async throws -> SiteSyncResult {
        let started = ContinuousClock.now
        progress(.site(site.id, "checking the site"))
        let info = try await moodle.siteInfo()
        let path = try SyncRequirements.path(for: connection, info: info).get()
        let cursors = Dictionary(
            try await ledger.cursors(site: site.id).map { ($0.stream, $0.value) }, uniquingKeysWith: { $1 })
        let isFull = options.isFull || isFullDue(lastFull: cursors[Self.lastFullStream])
        var result = SiteSyncResult(site: site.id, path: path, isFull: isFull)
        result.moodleRelease = info.release

        let (site, mapping, moodle, progress) = (self.site, self.mapping, self.moodle, self.progress)
        let courses = CatalogSource {
            progress(.site(site.id, "reading courses"))
            return CourseCatalog(
                site: site, mapping: mapping, moodleCourses: try await moodle.courses(by: .all).courses)
        }
        // An incremental report-path run reads the course list only for rows not yet credited: the
        // rows the overlap re-reads are mapped with the ids the last course list gave.
        if isFull || path == .classic { _ = try await courses.get() }
        let courseKeys = CourseKeys(cursor: cursors[Self.courseKeysStream])
        let resolver = IdentityResolver(site: site, organisation: mapping.organisation, ledger: ledger)
        if !options.isDryRun { resolver.mergingRun = (options.runID, options.now) }
        if isFull, info.missingFunctions(SyncRequirements.cohorts).isEmpty {
            resolver.centreByUserID = try await centresByUser()
        }
        var writer = SyncWriter(site: site, ledger: ledger, options: options, resolver: resolver)

        // Whether the run re-verified every credited completion of the site (see `FindingCoverage`).
        var reverified = isFull
        switch path {
        case .reportBuilder:
            let since =
                isFull
                ? nil
                : cursors[Self.highWaterStream].flatMap(Double.init).map {
                    Date(timeIntervalSince1970: $0 - Self.overlap)
                }
            progress(
                .site(site.id, isFull ? "reading the completion report" : "reading new completions from the report"))
            let reader = ReportCompletionReader(
                moodle: moodle, reportID: connection.completionReportID!, site: site,
                canFilter: info.missingFunctions(SyncRequirements.reportFilters).isEmpty,
                categoryField: mapping.organisation.categoryField)
            var seenKeys: Set<String> = []
            // Each page is one transaction; the cursor moves only at the end of the run, so a run
            // killed half-way starts again from where the last whole run ended.
            let unknown = try await reader.read(
                course: { idnumber, shortname in
                    if courses.loaded == nil, let id = courseKeys.id(idnumber: idnumber, shortname: shortname) {
                        return id
                    }
                    return try await courses.get().course(idnumber: idnumber, shortname: shortname)?.id
                }, since: since
            ) { page, lacking in
                let keys = page.compactMap { SyncWriter.key(site: site.id, courseID: $0.courseID, user: $0.user) }
                if courses.loaded == nil, try await allCredited(keys) {
                    result.completionsSeen += page.count
                    result.alreadyCredited += page.count
                    return
                }
                let catalog = try await courses.get()
                result.completionsSeen += page.count
                seenKeys.formUnion(
                    page.compactMap { SyncWriter.key(site: site.id, courseID: $0.courseID, user: $0.user) })
                // A report that carries ids, names and the identity fields needs no look-up at all.
                let enriched =
                    lacking.isEmpty ? page : try await enrichUsers(completions: page, resolver: resolver)
                try await writer.credit(enriched, catalog: catalog, result: &result)
                try await writer.flush(cursors: [], result: &result)
                progress(.written(site.id, credits: result.newCredits))
            }
            for (course, count) in unknown.sorted(by: { $0.key < $1.key }) {
                result.findings.append(
                    SyncFinding(
                        kind: .unmappedCourse, site: site.id, course: course,
                        detail: LocalizedText(
                            ru: "завершений: \(count) — в курсе, который есть в отчёте, но не в списке курсов сайта",
                            en:
                                "\(count) completion(s) in a course the report lists but the site's course list does not"
                        )))
            }
            reverified = isFull && info.supports(MoodleFunction.getCourseCompletionStatus)
            if reverified {
                try await reverify(
                    seenKeys: seenKeys, catalog: try await courses.get(), info: info, writer: &writer, result: &result)
            }
        case .classic:
            try await classic(
                catalog: try await courses.get(), info: info, isFull: isFull, writer: &writer, result: &result)
        }
        var readCourses: [SyncCursor] = []
        if let catalog = courses.loaded {
            result.coursesMapped = catalog.mappedCourses.count
            result.findings += unmappedCourses(
                catalog: catalog, completionsByCourse: writer.completionsByCourse, path: path)
            if isFull { result.findings += try await hourMismatches(catalog: catalog) }
            readCourses = [SyncCursor(site: site.id, stream: Self.courseKeysStream, value: CourseKeys(catalog).cursor)]
        } else {
            result.coursesRead = false
        }
        result.coursesUnmapped = result.count(.unmappedCourse)
        result.covered = FindingCoverage.kinds(
            path: path, isFull: isFull, coursesRead: result.coursesRead, reverified: reverified)
        var finalCursors =
            [
                SyncCursor(
                    site: site.id, stream: Self.highWaterStream,
                    value: String(Int(writer.highWater(previous: cursors[Self.highWaterStream]))))
            ] + readCourses
        if isFull {
            finalCursors.append(
                SyncCursor(
                    site: site.id, stream: Self.lastFullStream, value: String(Int(options.now.timeIntervalSince1970))))
        }
        try await guardAgainstMassRevocation(writer: &writer, result: &result)
        try await writer.flush(cursors: finalCursors, result: &result)
        result.requests = moodle.totalRequestCount
        result.seconds = (ContinuousClock.now - started).seconds
        return result
    }

    /// Writes the run's reversals by policy, unless they are more than the site allows in one run
    /// (a share of its standing credits, and at least a handful): then none is written, each stays a
    /// flagged revocation, and the run reports how many were held back.
    private func guardAgainstMassRevocation(writer: inout SyncWriter, result: inout SiteSyncResult) async throws {
        let count = writer.reversals.count
        guard count > 0 else { return }
        let credits = try await liveCredits().count
        let limit = max(site.revocationGuardMinimum, Int(Double(credits) * site.revocationGuardPercent / 100))
        guard count > limit else {
            writer.releaseReversals()
            return
        }
        result.reversalsHeldBack = writer.holdBackReversals()
        for index in result.findings.indices where result.findings[index].kind == .revocationReversed {
            result.findings[index].kind = .revocationFlagged
            result.findings[index].detail.ru +=
                "; сторно удержано: этот запуск сторнировал бы \(count) из \(credits) действующих зачётов, больше порога сайта (\(limit))"
            result.findings[index].detail.en +=
                "; held back: this run would have reversed \(count) of \(credits) standing credits, more than the site's guard (\(limit))"
        }
    }

    private func isFullDue(lastFull: String?) -> Bool {
        guard let last = lastFull.flatMap(Double.init) else { return true }
        return options.now.timeIntervalSince1970 - last >= Double(site.fullSyncEveryDays) * 86_400
    }

    /// Moodle user id → centre, from the cohorts the mapping names.
    private func centresByUser() async throws -> [Int: CentreID] {
        let centreByCohort = Dictionary(
            mapping.organisation.centres.compactMap { centre in centre.cohort.map { ($0, centre.id) } },
            uniquingKeysWith: { first, _ in first })
        guard !centreByCohort.isEmpty else { return [:] }
        let cohorts = try await moodle.cohorts().filter { centreByCohort[$0.idNumber ?? ""] != nil }
        guard !cohorts.isEmpty else { return [:] }
        var result: [Int: CentreID] = [:]
        for members in try await moodle.cohortMembers(cohortIDs: cohorts.map(\.id)) {
            guard let cohort = cohorts.first(where: { $0.id == members.cohortID }),
                let centre = centreByCohort[cohort.idNumber ?? ""]
            else { continue }
            for user in members.userIDs { result[user] = centre }
        }
        return result
    }

    /// Report rows that lack names, user ids or identity fields: fetch the details of users the ledger
    /// does not know yet, in chunks of 100, and complete their rows with them.
    private func enrichUsers(completions: [SiteCompletion], resolver: IdentityResolver) async throws -> [SiteCompletion]
    {
        let lookups = completions.compactMap { completion in
            completion.user.siteKey.map { PersonKey.Lookup(kind: .moodleUser(site.id), value: $0) }
        }
        let known = try await ledger.persons(keys: lookups)
        var unknown: [String] = []
        for completion in completions {
            guard let username = completion.user.username, let key = completion.user.siteKey else { continue }
            if known[PersonKey.Lookup(kind: .moodleUser(site.id), value: key)] == nil { unknown.append(username) }
        }
        let usernames = Array(Set(unknown)).sorted()
        guard !usernames.isEmpty else { return completions }
        progress(.site(site.id, "reading \(usernames.count) new users"))
        var details: [String: MoodleIdentity] = [:]
        for start in stride(from: 0, to: usernames.count, by: SyncCost.lookUpChunk) {
            let chunk = Array(usernames[start..<min(start + SyncCost.lookUpChunk, usernames.count)])
            for user in try await moodle.users(by: .username, values: chunk) {
                var identity = MoodleIdentity(
                    userID: user.id, username: user.username, idnumber: user.idNumber?.nonEmpty,
                    email: user.email?.nonEmpty, firstName: user.firstName, lastName: user.lastName,
                    department: user.department?.nonEmpty)
                for field in user.customFields { identity.profile[field.shortName] = field.value?.nonEmpty }
                if let username = user.username { details[username] = identity }
            }
        }
        resolver.userDetails = details
        return completions.map { completion in
            var completed = completion
            if let username = completion.user.username, let found = details[username] {
                completed.user = found.merging(completion.user)
            }
            return completed
        }
    }

    /// Whether the ledger holds every one of `keys`.
    private func allCredited(_ keys: [String]) async throws -> Bool {
        try await ledger.idempotencyKeys(among: keys).count == Set(keys).count
    }

    /// On a full run: the site's standing credits whose hours differ from their module's hours of
    /// today (the mapping files, or the course's hours field, changed after crediting), one finding
    /// per module. Nothing is rewritten; `ledger rehour` re-credits them when a registrar decides.
    private func hourMismatches(catalog: CourseCatalog) async throws -> [SyncFinding] {
        var hoursNow: [ModuleID: CreditHours] = [:]
        for course in catalog.mappedCourses { if let module = course.module { hoursNow[module.id] = module.hours } }
        var differing: [ModuleID: [StandingCredit]] = [:]
        for credit in try await liveCredits().values {
            guard let hours = hoursNow[credit.module], hours != credit.hours else { continue }
            differing[credit.module, default: []].append(credit)
        }
        return differing.sorted { $0.key < $1.key }.map { module, credits in
            let old = Set(credits.map(\.hours.value)).sorted().map { "\($0) h" }.joined(separator: ", ")
            let since = credits.map(\.occurredAt).min().map { ISO8601DateFormatter().string(from: $0).prefix(10) } ?? ""
            let now = hoursNow[module]!.value
            return SyncFinding(
                kind: .hoursMismatch, site: site.id, module: module, hours: hoursNow[module],
                detail: LocalizedText(
                    ru:
                        "зачётов модуля \(module): \(credits.count), по \(old.replacingOccurrences(of: " h", with: " ч")) (с \(since)); теперь у модуля \(now) ч: ничего не переписано — если новые часы относятся и к ним, выполните `moodle-bridge ledger rehour \(module) --document … --reason …`",
                    en:
                        "\(credits.count) credit(s) of \(module) at \(old) (since \(since)); the module now has \(now) h: nothing was rewritten — if the new hours apply, run `moodle-bridge ledger rehour \(module) --document … --reason …`"
                ))
        }
    }

    /// Courses that earn no credit: with completions seen (report path), or with completion
    /// tracking on (classic path, which asks only mapped courses).
    private func unmappedCourses(
        catalog: CourseCatalog, completionsByCourse: [Int: Int], path: SiteSyncResult.Path
    ) -> [SyncFinding] {
        catalog.courses.values.filter { course in
            course.module == nil
                && (path == .classic ? course.completionEnabled : completionsByCourse[course.id, default: 0] > 0)
        }
        .sorted { $0.id < $1.id }
        .map { course in
            let count = completionsByCourse[course.id] ?? 0
            let seen =
                path == .classic
                ? LocalizedText(ru: "отслеживание завершения включено", en: "completion tracking is on")
                : LocalizedText(ru: "завершений: \(count)", en: "\(count) completion(s)")
            let why =
                course.hoursProblem.map {
                    LocalizedText(
                        ru: "курс не входит ни в один модуль файлов сопоставления, и \($0.ru)",
                        en: "the course is in no module of the mapping files and \($0.en)")
                }
                ?? LocalizedText(
                    ru: "курс не входит ни в один модуль файлов сопоставления и не имеет поля часов",
                    en: "the course is in no module of the mapping files and has no hours field")
            return SyncFinding(
                kind: .unmappedCourse, site: site.id, courseID: course.id, course: course.shortname,
                detail: LocalizedText(
                    ru: "\(seen.ru), но \(why.ru): добавьте курс в modules.yaml или задайте его часы",
                    en: "\(seen.en), but \(why.en): map it in modules.yaml or set its hours"))
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The site's course catalog, read once, when first needed.
final class CatalogSource {
    private(set) var loaded: CourseCatalog?
    private let load: () async throws -> CourseCatalog

    init(_ load: @escaping () async throws -> CourseCatalog) { self.load = load }

    func get() async throws -> CourseCatalog {
        if let loaded { return loaded }
        let catalog = try await load()
        loaded = catalog
        return catalog
    }
}

/// Course ids by idnumber and shortname, as the last course list gave them, kept in a cursor.
struct CourseKeys {
    private var ids: [String: Int] = [:]

    init(cursor: String?) {
        ids = cursor.flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) } ?? [:]
    }

    init(_ catalog: CourseCatalog) {
        for course in catalog.courses.values {
            if let idnumber = course.idnumber?.nonEmpty { ids["i:\(idnumber)"] = course.id }
            ids["s:\(course.shortname)"] = course.id
        }
    }

    /// The id the way `CourseCatalog.course(idnumber:shortname:)` finds it: by idnumber, else shortname.
    func id(idnumber: String?, shortname: String?) -> Int? {
        idnumber.flatMap { ids["i:\($0)"] } ?? shortname.flatMap { ids["s:\($0)"] }
    }

    var cursor: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(ids)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
