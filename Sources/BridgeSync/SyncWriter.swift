import CreditCore
import Foundation

/// Turns completions into ledger drafts and writes them in chunks, each chunk in one transaction
/// with the persons and keys it needs.
struct SyncWriter {
    let site: SiteConfig
    let ledger: any LedgerStore
    let options: SyncOptions
    let resolver: IdentityResolver
    private var pending: [LedgerBatch.Draft] = []
    /// Reversals by the revocation policy, written only at the end of the run, once the guard
    /// against mass revocation has let them through.
    private(set) var reversals: [LedgerBatch.Draft] = []
    private var chunk = 0
    private var latest: Date?
    private(set) var completionsByCourse: [Int: Int] = [:]
    /// Users whose keys were checked in this run.
    private var checkedUsers: Set<String> = []
    /// Credited users a full run resolved again, to compare their keys as they stand now.
    private var resolvedAgain: Set<String> = []
    /// Users already reported as a possible duplicate in this run: once a user, not once a course.
    private var duplicateUsers: Set<String> = []
    /// The first user seen with each idnumber in this run, to name a second one.
    private var idnumberOwners: [String: String] = [:]
    /// The site's standing credits by completion key, read once a run when first needed.
    private var standing: [String: StandingCredit]?
    /// The (person, course) pairs of this site the ledger credits, read when a completion's key is
    /// new: a renamed username gives a new key, but the person and the course are the same.
    private var creditedPairs: Set<String>?

    init(site: SiteConfig, ledger: any LedgerStore, options: SyncOptions, resolver: IdentityResolver) {
        self.site = site
        self.ledger = ledger
        self.options = options
        self.resolver = resolver
    }

    /// The idempotency key of a site's completion: the same (course, user) pair is credited once.
    static func key(site: SiteID, courseID: Int, user: MoodleIdentity) -> String? {
        user.siteKey.map { "moodle/\(site)/course/\(courseID)/\($0)" }
    }

    /// The key of a completion credited again after the site's policy reversed its credit by
    /// `reversal`: one credit again per reversal, however often Moodle reports it.
    static func key(_ completionKey: String, after reversal: EntryID) -> String { "\(completionKey)/after/\(reversal)" }

    /// The completion a credit's key belongs to: its own key, or the key it was credited again after.
    static func completionKey(of key: String) -> String {
        key.range(of: "/after/").map { String(key[..<$0.lowerBound]) } ?? key
    }

    /// The site's standing credits by the key of the completion each credits (read once a run).
    static func standingByCompletion(site: SiteID, ledger: any LedgerStore) async throws -> [String: StandingCredit] {
        Dictionary(
            try await ledger.siteCredits(site: site).map { (completionKey(of: $0.key), $0.value) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The newest completion time seen, or the previous high-water mark.
    func highWater(previous: String?) -> TimeInterval {
        max(latest?.timeIntervalSince1970 ?? 0, previous.flatMap(Double.init) ?? 0)
    }

    /// Credits a page of completions. The ledger is read twice for the whole page — which keys
    /// it holds, and the persons its users' keys identify — never once a row.
    mutating func credit(
        _ completions: [SiteCompletion], catalog: CourseCatalog, result: inout SiteSyncResult
    ) async throws {
        let credited = try await ledger.idempotencyKeys(
            among: completions.compactMap { Self.key(site: site.id, courseID: $0.courseID, user: $0.user) })
        // A full run resolves every user again (a SNILS corrected in Moodle may now name another
        // person); an incremental one only the users of completions not credited yet.
        try await resolver.prefetch(
            completions.filter { completion in
                result.isFull
                    || Self.key(site: site.id, courseID: completion.courseID, user: completion.user).map {
                        !credited.contains($0)
                    } ?? false
            }.map(\.user))
        for completion in completions {
            completionsByCourse[completion.courseID, default: 0] += 1
            latest = max(latest ?? completion.completedAt, completion.completedAt)
            // Every user of a completion is checked once a run, credited already or not.
            if let siteKey = completion.user.siteKey, checkedUsers.insert(siteKey).inserted {
                result.findings += IdentityKeyCheck.findings(for: completion.user, site: site)
                if let idnumber = completion.user.idnumber?.trimmingCharacters(in: .whitespaces), !idnumber.isEmpty {
                    let who = completion.user.username ?? siteKey
                    if let owner = idnumberOwners[idnumber] {
                        result.findings.append(
                            IdentityKeyCheck.sharedIdnumber(idnumber, user: who, owner: owner, site: site))
                    } else {
                        idnumberOwners[idnumber] = who
                    }
                }
            }
            guard let course = catalog.courses[completion.courseID], let module = course.module,
                var key = Self.key(site: site.id, courseID: course.id, user: completion.user)
            else { continue }
            var note: String?
            var userID = completion.user.userID
            if credited.contains(key) {
                guard let again = try await keyAgain(for: key, user: completion.user) else {
                    result.alreadyCredited += 1
                    if result.isFull, let siteKey = completion.user.siteKey, resolvedAgain.insert(siteKey).inserted {
                        try await resolveAgain(completion.user, course: course, module: module.id, result: &result)
                    }
                    continue
                }
                note = "Moodle reports the completion complete again after the site's policy reversed its credit"
                key = again.key
                // A report without the user id column: the earlier credit knows the user.
                userID = userID ?? again.userID
            }
            let resolution = try await resolver.resolve(completion.user)
            for note in resolver.takeNotes() {
                reportDuplicate(completion.user, course: course, module: module.id, detail: note, result: &result)
            }
            switch resolution {
            case .person(let person):
                let pair = "\(person.rawValue)|\(course.id)"
                if creditedPairs == nil {
                    creditedPairs = Set(
                        try await siteStanding().values.compactMap { credit in
                            guard case .moodle(_, let courseID, _) = credit.source else { return nil }
                            return "\(credit.person.rawValue)|\(courseID)"
                        })
                }
                guard creditedPairs?.insert(pair).inserted == true else {
                    result.alreadyCredited += 1
                    continue
                }
                pending.append(
                    LedgerBatch.Draft(
                        person: person, module: module.id, hours: module.hours, form: module.form,
                        occurredAt: completion.completedAt,
                        source: .moodle(site: site.id, courseID: course.id, userID: userID ?? 0),
                        idempotencyKey: key, note: note))
            case .unmatched(let why):
                result.findings.append(
                    SyncFinding(
                        kind: .unmatchedUser, site: site.id, courseID: course.id, course: course.shortname,
                        user: completion.user.username ?? completion.user.siteKey, module: module.id, detail: why))
            case .ambiguous(let why):
                result.findings.append(
                    SyncFinding(
                        kind: .ambiguousMatch, site: site.id, courseID: course.id, course: course.shortname,
                        user: completion.user.username ?? completion.user.siteKey, module: module.id, detail: why))
            case .possibleDuplicate(let why):
                reportDuplicate(completion.user, course: course, module: module.id, detail: why, result: &result)
            }
            if pending.count >= options.chunkSize { try await flush(cursors: [], result: &result) }
        }
    }

    /// Resolves a credited user again, as their keys stand now: a valid SNILS that now leads to
    /// another person merges the two (`identity: { merge: auto }`) or is a possible duplicate, and
    /// keys that now lead to two persons are an ambiguous match. Their credits stay as they are.
    private mutating func resolveAgain(
        _ user: MoodleIdentity, course: SiteCourse, module: ModuleID, result: inout SiteSyncResult
    ) async throws {
        let resolution = try await resolver.resolve(user)
        for note in resolver.takeNotes() {
            reportDuplicate(user, course: course, module: module, detail: note, result: &result)
        }
        switch resolution {
        case .person, .unmatched: break
        case .ambiguous(let why):
            result.findings.append(
                SyncFinding(
                    kind: .ambiguousMatch, site: site.id, courseID: course.id, course: course.shortname,
                    user: user.username ?? user.siteKey, module: module, detail: why))
        case .possibleDuplicate(let why):
            reportDuplicate(user, course: course, module: module, detail: why, result: &result)
        }
    }

    /// Reports a possible duplicate once a run for each user and reason, whatever the courses.
    private mutating func reportDuplicate(
        _ user: MoodleIdentity, course: SiteCourse, module: ModuleID, detail: LocalizedText,
        result: inout SiteSyncResult
    ) {
        let who = user.username ?? user.siteKey
        guard duplicateUsers.insert("\(who ?? "")|\(detail.en)").inserted else { return }
        result.findings.append(
            SyncFinding(
                kind: .possibleDuplicate, site: site.id, courseID: course.id, course: course.shortname, user: who,
                module: module, detail: detail))
    }

    /// The site's standing credits by completion key.
    private mutating func siteStanding() async throws -> [String: StandingCredit] {
        if let standing { return standing }
        let read = try await Self.standingByCompletion(site: site.id, ledger: ledger)
        standing = read
        return read
    }

    /// The key to credit a completion under when the ledger holds its key but no standing credit
    /// of it: on a site whose policy reverses revocations, a completion Moodle reports complete
    /// again after the policy reversed its credit is credited again, once per reversal. Nil when
    /// the credit stands, or when a registrar reversed it (their decision stays). With the key, the
    /// Moodle user id the earlier credit names.
    private mutating func keyAgain(
        for key: String, user: MoodleIdentity
    ) async throws -> (key: String, userID: Int?)? {
        guard site.revocations == .reverse, try await siteStanding()[key] == nil,
            case .person(let person) = try await resolver.resolve(user)
        else { return nil }
        let entries = try await ledger.entries(person: person)
        let byKey = Dictionary(entries.map { ($0.idempotencyKey, $0) }, uniquingKeysWith: { first, _ in first })
        var reversals: [EntryID: LedgerEntry] = [:]
        for entry in entries {
            if case .reversal(let target) = entry.kind, reversals[target] == nil { reversals[target] = entry }
        }
        var current = key
        var userID: Int?
        while let credit = byKey[current] {
            guard let reversal = reversals[credit.id], case .moodle = reversal.source else { return nil }
            if case .moodle(_, _, let user) = credit.source, user > 0 { userID = user }
            current = Self.key(key, after: reversal.id)
        }
        return current == key ? nil : (current, userID)
    }

    /// A reversal of `credit`, because Moodle reports the completion as no longer complete; held
    /// until ``releaseReversals()`` or ``holdBackReversals()``. The caller reverses only credits no
    /// reversal cancels yet; the key is the one a reversal by hand has, so the credit is reversed
    /// once whoever comes first (``Reversal``).
    mutating func reverse(_ credit: StandingCredit, reason: String) {
        reversals.append(
            LedgerBatch.Draft(
                person: credit.person, module: credit.module, hours: credit.hours, form: credit.form,
                kind: .reversal(of: credit.entry), occurredAt: options.now, source: credit.source,
                idempotencyKey: Reversal.key(of: credit.entry), note: reason))
    }

    /// Lets the held reversals be written with the next flush.
    mutating func releaseReversals() {
        pending += reversals
        reversals = []
    }

    /// Drops the held reversals; returns how many there were.
    mutating func holdBackReversals() -> Int {
        defer { reversals = [] }
        return reversals.count
    }

    /// Writes what is pending (and the cursors) in one transaction.
    mutating func flush(cursors: [SyncCursor], result: inout SiteSyncResult) async throws {
        let people = resolver.takePending()
        guard !(pending.isEmpty && people.persons.isEmpty && people.keys.isEmpty && cursors.isEmpty) else { return }
        let reversals = pending.filter { !$0.kind.isCredit }.count
        if options.isDryRun {
            for draft in pending where draft.kind.isCredit {
                guard case .moodle(_, let courseID, let userID) = draft.source else { continue }
                result.findings.append(
                    SyncFinding(
                        kind: .notYetCredited, site: site.id, courseID: courseID,
                        user: draft.idempotencyKey.components(separatedBy: "/u:").last
                            ?? (userID > 0 ? "#\(userID)" : nil),
                        person: draft.person, module: draft.module, hours: draft.hours,
                        detail: LocalizedText(
                            ru: "завершён \(ISO8601DateFormatter().string(from: draft.occurredAt).prefix(10))",
                            en: "completed on \(ISO8601DateFormatter().string(from: draft.occurredAt).prefix(10))")))
            }
            result.newCredits += pending.count - reversals
            result.reversals += reversals
            result.newPersons += people.persons.count
            pending = []
            return
        }
        chunk += 1
        let outcome = try await ledger.append(
            LedgerBatch(
                id: BatchID("\(options.runID)-\(site.id)-\(chunk)"), kind: .sync, actor: site.id.rawValue,
                description:
                    "sync of \(site.id) (\(result.path.rawValue), \(result.isFull ? "full" : "incremental")), part \(chunk)",
                recordedAt: options.now, entries: pending, persons: people.persons, personKeys: people.keys,
                cursors: cursors))
        result.newCredits += outcome.written - min(reversals, outcome.written)
        result.reversals += min(reversals, outcome.written)
        result.alreadyCredited += outcome.alreadyPresent
        result.newPersons += people.persons.count
        pending = []
    }
}

extension LedgerEntry.Kind {
    var isCredit: Bool { self == .credit }
}
