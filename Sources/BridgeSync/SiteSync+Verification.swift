import CreditCore
import Foundation
import MoodleClient

extension SiteSync {
    /// The classic path: enrolled users per mapped course; for learners with pairs not yet credited,
    /// their completed flags (one call each); then the completion status, for its time, of the pairs
    /// the flags call complete (or do not judge) — and, on a full sync, of the credited ones, to
    /// catch revocations. A run with nothing new costs the course lists and one flags call per
    /// learner with something left to complete.
    func classic(
        catalog: CourseCatalog, info: MoodleSiteInfo, isFull: Bool, writer: inout SyncWriter,
        result: inout SiteSyncResult
    ) async throws {
        let reader = ClassicCompletionReader(
            moodle: moodle, site: site, canBatch: info.missingFunctions(SyncRequirements.batching).isEmpty,
            canReadFlags: info.missingFunctions([MoodleFunction.getUsersCourses]).isEmpty)
        let credited = isFull ? try await liveCredits() : [:]
        let courses = catalog.mappedCourses
        // 1. Who is enrolled where, and which pairs are not credited yet.
        var enrolments: [(course: SiteCourse, users: [MoodleIdentity], enrolled: Set<String>)] = []
        var uncredited: [Int: [MoodleIdentity]] = [:]
        for (index, course) in courses.enumerated() {
            progress(.site(site.id, "course \(index + 1) of \(courses.count): \(course.shortname)"))
            let users = try await reader.enrolledUsers(course: course)
            let inLedger = try await ledger.idempotencyKeys(
                among: users.compactMap { SyncWriter.key(site: site.id, courseID: course.id, user: $0) })
            var enrolled: Set<String> = []
            for user in users {
                guard let key = SyncWriter.key(site: site.id, courseID: course.id, user: user) else { continue }
                enrolled.insert(key)
                // A credit the site's policy reversed is asked about again on a full run: the
                // learner may have completed the course again.
                if credited[key] == nil, !inLedger.contains(key) || (isFull && site.revocations == .reverse) {
                    uncredited[course.id, default: []].append(user)
                }
            }
            enrolments.append((course, users, enrolled))
        }
        // 2. Their completed flags, one call per learner.
        let learners = Set(uncredited.values.flatMap { $0.compactMap(\.userID) }).sorted()
        if !learners.isEmpty, reader.canReadFlags {
            progress(.site(site.id, "reading the completed flags of \(learners.count) learner(s)"))
        }
        let flags = try await reader.completedFlags(of: learners)
        // 3. Per course: the status of pairs to ask, then the credits, in one transaction.
        for (course, users, enrolled) in enrolments {
            var toAsk: [MoodleIdentity] = []
            for user in users {
                guard let key = SyncWriter.key(site: site.id, courseID: course.id, user: user) else { continue }
                if credited[key] != nil {
                    toAsk.append(user)
                } else if uncredited[course.id]?.contains(user) == true {
                    // A learner the flags call not complete needs no question, nor one whose list
                    // leaves a visible course out (the enrolment is not active: Moodle would refuse).
                    if let userID = user.userID, let own = flags[userID] {
                        switch own[course.id] {
                        case .some(.some(false)): continue
                        case .none where course.visible: continue
                        default: break
                        }
                    }
                    toAsk.append(user)
                } else {
                    result.alreadyCredited += 1
                }
            }
            let statuses = try await reader.statuses(of: toAsk.map { (course.id, $0.userID ?? 0) })
            var completions: [SiteCompletion] = []
            for (user, status) in zip(toAsk, statuses) {
                let key = SyncWriter.key(site: site.id, courseID: course.id, user: user)!
                switch status {
                case .completed(let date):
                    completions.append(SiteCompletion(courseID: course.id, user: user, completedAt: date))
                case .notCompleted:
                    if let entry = credited[key] { revoke(entry, course: course, writer: &writer, result: &result) }
                case .awaitingAggregation:
                    if let entry = credited[key] { awaitingAggregation(entry, course: course, result: &result) }
                case .invisible(let why):
                    if let entry = credited[key] {
                        noLongerVerifiable(entry, course: course, why: why, result: &result)
                    }
                }
            }
            result.completionsSeen += completions.count
            try await writer.credit(completions, catalog: catalog, result: &result)
            for (key, entry) in credited
            where key.hasPrefix("moodle/\(site.id)/course/\(course.id)/") && !enrolled.contains(key) {
                noLongerVerifiable(
                    entry, course: course,
                    why: LocalizedText(
                        ru: "пользователь больше не записан на курс (отчислен или удалён)",
                        en: "the user is no longer enrolled in the course (unenrolled or deleted)"),
                    result: &result)
            }
            // Each course is one transaction.
            try await writer.flush(cursors: [], result: &result)
        }
    }

    /// On a full report-builder sync: credited pairs the report no longer lists are asked about
    /// one by one (batched): not complete is a revocation, refused is merely invisible.
    func reverify(
        seenKeys: Set<String>, catalog: CourseCatalog, info: MoodleSiteInfo, writer: inout SyncWriter,
        result: inout SiteSyncResult
    ) async throws {
        let missing = try await liveCredits().filter { !seenKeys.contains($0.key) }.sorted { $0.key < $1.key }
        guard !missing.isEmpty else { return }
        progress(.site(site.id, "re-verifying \(missing.count) credited completion(s) the report no longer lists"))
        let reader = ClassicCompletionReader(
            moodle: moodle, site: site, canBatch: info.missingFunctions(SyncRequirements.batching).isEmpty,
            canReadFlags: false)
        var askable: [(entry: StandingCredit, courseID: Int, userID: Int)] = []
        for (_, entry) in missing {
            guard case .moodle(_, let courseID, let userID) = entry.source else { continue }
            let course = catalog.courses[courseID]
            if userID == 0 {
                noLongerVerifiable(
                    entry, course: course,
                    why: LocalizedText(
                        ru: "отчёт о завершениях его больше не содержит", en: "the completion report no longer lists it"
                    ),
                    result: &result)
            } else {
                askable.append((entry, courseID, userID))
            }
        }
        let statuses = try await reader.statuses(of: askable.map { ($0.courseID, $0.userID) })
        for (item, status) in zip(askable, statuses) {
            let course = catalog.courses[item.courseID]
            switch status {
            case .completed: break
            case .notCompleted: revoke(item.entry, course: course, writer: &writer, result: &result)
            case .awaitingAggregation: awaitingAggregation(item.entry, course: course, result: &result)
            case .invisible(let why): noLongerVerifiable(item.entry, course: course, why: why, result: &result)
            }
        }
    }

    /// This site's credits that no reversal cancels, by the key of the completion each credits (the ledger's standing
    /// credits of the site: no other entry is read).
    func liveCredits() async throws -> [String: StandingCredit] {
        try await SyncWriter.standingByCompletion(site: site.id, ledger: ledger)
    }

    private func revoke(
        _ entry: StandingCredit, course: SiteCourse?, writer: inout SyncWriter, result: inout SiteSyncResult
    ) {
        let reverse = site.revocations == .reverse
        if reverse { writer.reverse(entry, reason: "Moodle reports the completion as no longer complete") }
        result.findings.append(
            SyncFinding(
                kind: reverse ? .revocationReversed : .revocationFlagged, site: site.id, courseID: course?.id,
                course: course?.shortname, person: entry.person, module: entry.module, entry: entry.entry,
                detail: reverse
                    ? LocalizedText(
                        ru: "Moodle сообщает, что \(entry.entry) больше не завершён; сторнирован по правилу сайта",
                        en: "Moodle reports \(entry.entry) as no longer complete; reversed by the site's policy")
                    : LocalizedText(
                        ru:
                            "Moodle сообщает, что \(entry.entry) больше не завершён; зачёт остаётся до проверки регистратором",
                        en:
                            "Moodle reports \(entry.entry) as no longer complete; the credit stays until a registrar reviews it"
                    ))
        )
    }

    /// Moodle shows the course not complete but every criterion complete: its completion task has
    /// not run since (a recalculation, a reset whose criteria were met again). Never a revocation.
    private func awaitingAggregation(_ entry: StandingCredit, course: SiteCourse?, result: inout SiteSyncResult) {
        result.findings.append(
            SyncFinding(
                kind: .awaitingCompletionTask, site: site.id, courseID: course?.id, course: course?.shortname,
                person: entry.person, module: entry.module, entry: entry.entry,
                detail: LocalizedText(
                    ru:
                        "Moodle показывает курс незавершённым, но все условия завершения \(entry.entry) выполнены: задача завершения Moodle (cron) ещё не отметила курс; зачёт остаётся",
                    en:
                        "Moodle shows the course not complete but every completion criterion of \(entry.entry) met: Moodle's completion task (cron) has not marked the course yet; the credit stays"
                )))
    }

    private func noLongerVerifiable(
        _ entry: StandingCredit, course: SiteCourse?, why: LocalizedText, result: inout SiteSyncResult
    ) {
        result.findings.append(
            SyncFinding(
                kind: .noLongerVerifiable, site: site.id, courseID: course?.id, course: course?.shortname,
                person: entry.person, module: entry.module, entry: entry.entry,
                detail: LocalizedText(
                    ru: "\(entry.entry) больше нельзя проверить: \(why.ru); зачёт остаётся",
                    en: "\(entry.entry) can no longer be verified: \(why.en); the credit stays")))
    }
}
