import CreditCore
import Foundation

/// Decides which person a Moodle user is, by the keys the site configuration lists, in order.
///
/// A user whose keys lead to one person is that person; whose keys lead to none becomes a new
/// person (keyed by the first key present); whose keys lead to two different persons is ambiguous,
/// and one with no usable key is unmatched. Ambiguous and unmatched users are never guessed: they
/// are reported and get no credit.
final class IdentityResolver {
    enum Resolution: Equatable {
        case person(PersonID)
        case unmatched(LocalizedText)
        case ambiguous(LocalizedText)
        /// The user's valid SNILS identifies one person and its other keys another: the two look
        /// like one teacher, and the mapping says to review (not merge) such pairs.
        case possibleDuplicate(LocalizedText)
    }

    private let site: SiteConfig
    private let organisation: Organisation
    private let ledger: any LedgerStore
    private var cache: [String: Resolution] = [:]
    /// The ledger's answers for keys read ahead (``prefetch(_:)``): a key asked and absent is unknown.
    private var known: [PersonKey.Lookup: PersonID] = [:]
    private var asked: Set<PersonKey.Lookup> = []
    /// Keys already claimed in this run, so two new users with the same SNILS become one person.
    private var claimed: [String: PersonID] = [:]
    /// Persons and keys to save with the next batch.
    private(set) var newPersons: [PersonID: Person] = [:]
    private(set) var newKeys: [PersonKey] = []
    /// Moodle user id → centre, from the centres' cohorts (when the sync read them).
    var centreByUserID: [Int: CentreID] = [:]
    /// Fuller records of users, by username, for sources that carry only a few fields.
    var userDetails: [String: MoodleIdentity] = [:]
    /// The run, for the merge log when a valid SNILS merges two persons (`identity: { merge: auto }`);
    /// nil in a dry run, which merges nothing.
    var mergingRun: (id: String, now: Date)?
    /// The merges this run recorded.
    private(set) var merges: [PersonMerge] = []
    /// Possible duplicates noticed while resolving, for the caller to report (``takeNotes()``).
    private var notes: [LocalizedText] = []

    /// Hands over the possible duplicates noticed since the last call.
    func takeNotes() -> [LocalizedText] {
        defer { notes = [] }
        return notes
    }

    /// The user's SNILS when it fails its check digits (as the profile holds it, without spaces and
    /// dashes), if the site matches by SNILS.
    func invalidSNILS(of user: MoodleIdentity) -> String? {
        guard
            site.identity.contains(where: {
                if case .profileField(let field) = $0 { field.lowercased() == "snils" } else { false }
            }),
            let raw = user.profile.first(where: { $0.key.lowercased() == "snils" })?.value
        else { return nil }
        let value = raw.filter { !$0.isWhitespace && $0 != "-" }
        guard !value.isEmpty, (try? SNILS(parsing: raw)) == nil else { return nil }
        return String(value.prefix(32))
    }

    init(site: SiteConfig, organisation: Organisation, ledger: any LedgerStore) {
        self.site = site
        self.organisation = organisation
        self.ledger = ledger
    }

    /// Hands over the persons and keys gathered since the last call.
    func takePending() -> (persons: [Person], keys: [PersonKey]) {
        defer {
            newPersons = [:]
            newKeys = []
        }
        return (newPersons.values.sorted { $0.id < $1.id }, newKeys)
    }

    /// The cross-site keys of a user, in the configured order, normalised.
    func crossSiteKeys(of user: MoodleIdentity) -> [(kind: PersonKey.Kind, value: String)] {
        site.identity.compactMap { key in
            switch key {
            case .profileField(let field):
                guard let raw = user.profile[field] else { return nil }
                if field.lowercased() == "snils" {
                    return (try? SNILS(parsing: raw)).map { (.snils, $0.digits) }
                }
                return (.idnumber, raw)
            case .idnumber: return user.idnumber.map { (.idnumber, $0) }
            case .email: return user.email.map { (.email, $0.lowercased()) }
            case .username: return nil  // usernames are per site, not a person's identity
            }
        }
    }

    /// Reads, in one query, the ledger's persons for every key of `users` not resolved yet, so that
    /// resolving them reads nothing more.
    func prefetch(_ users: [MoodleIdentity]) async throws {
        var lookups: Set<PersonKey.Lookup> = []
        for partial in users {
            let user = partial.username.flatMap { userDetails[$0] }.map { $0.merging(partial) } ?? partial
            guard let siteKey = user.siteKey, cache[siteKey] == nil else { continue }
            lookups.insert(PersonKey.Lookup(kind: .moodleUser(site.id), value: siteKey))
            if let idKey = user.idKey { lookups.insert(PersonKey.Lookup(kind: .moodleUser(site.id), value: idKey)) }
            for key in crossSiteKeys(of: user) { lookups.insert(PersonKey.Lookup(kind: key.kind, value: key.value)) }
            if let invalid = invalidSNILS(of: user) {
                lookups.insert(PersonKey.Lookup(kind: .invalidSNILS, value: invalid))
            }
        }
        let missing = Array(lookups.subtracting(asked))
        guard !missing.isEmpty else { return }
        known.merge(try await ledger.persons(keys: missing)) { _, new in new }
        asked.formUnion(missing)
    }

    /// The person a key identifies: from what ``prefetch(_:)`` read, else from the ledger.
    private func person(_ kind: PersonKey.Kind, _ value: String) async throws -> PersonID? {
        let key = PersonKey.Lookup(kind: kind, value: value)
        if asked.contains(key) { return known[key] }
        return try await ledger.person(kind: kind, value: value)
    }

    func resolve(_ partial: MoodleIdentity) async throws -> Resolution {
        var user = partial
        if let username = user.username, let details = userDetails[username] {
            user = details.merging(partial)
        }
        guard let siteKey = user.siteKey else {
            return .unmatched(
                LocalizedText(
                    ru: "Moodle не вернул ни id, ни имени пользователя", en: "Moodle returned no user id or username"))
        }
        if let cached = cache[siteKey] { return cached }
        let resolution = try await lookUp(user, siteKey: siteKey)
        cache[siteKey] = resolution
        return resolution
    }

    private func lookUp(_ user: MoodleIdentity, siteKey: String) async throws -> Resolution {
        let siteKind = PersonKey.Kind.moodleUser(site.id)
        let keys = crossSiteKeys(of: user)
        var found: [PersonID] = []
        if let known = try await person(siteKind, siteKey) { found.append(known) }
        // The user id finds the person again after a renamed username.
        if let idKey = user.idKey, idKey != siteKey, let known = try await person(siteKind, idKey),
            !found.contains(known)
        {
            found.append(known)
        }
        for key in keys {
            let claimedKey = "\(key.kind.storageName)=\(key.value)"
            let person: PersonID?
            if let inRun = claimed[claimedKey] {
                person = inRun
            } else {
                person = try await self.person(key.kind, key.value)
            }
            if let person, !found.contains(person) { found.append(person) }
        }
        if found.count == 2, let pair = try await sameValidSNILS(found: found, keys: keys) {
            if let merged = try await merge(pair, user: user) {
                register(merged, user: user, siteKey: siteKey, keys: keys, isNew: false)
                return .person(merged)
            }
            let snils = pair.snils
            return .possibleDuplicate(
                LocalizedText(
                    ru:
                        "СНИЛС \(snils) ведёт к слушателю \(pair.keep), остальные ключи — к \(pair.other): возможно, это один слушатель",
                    en:
                        "SNILS \(snils) leads to \(pair.keep) and the user's other keys to \(pair.other): possibly one teacher"
                ))
        }
        if found.count > 1 {
            let names = keys.map { "\($0.kind.storageName)" }.joined(separator: ", ")
            let persons = found.map(\.rawValue).joined(separator: ", ")
            return .ambiguous(
                LocalizedText(
                    ru: "его ключи (\(names)) ведут к разным слушателям: \(persons)",
                    en: "its keys (\(names)) lead to different persons: \(persons)"))
        }
        guard let first = keys.first else {
            if let existing = found.first { return .person(existing) }
            let names = site.identity.map(\.description).joined(separator: ", ")
            return .unmatched(
                LocalizedText(
                    ru: "ни один из ключей сопоставления (\(names)) не заполнен",
                    en: "none of the identity keys (\(names)) has a value"))
        }
        let person = found.first ?? PersonID("P-\(first.value)")
        try await noteInvalidSNILS(of: user, person: person)
        register(person, user: user, siteKey: siteKey, keys: keys, isNew: found.isEmpty)
        return .person(person)
    }

    /// Keeps the user's invalid SNILS as a key of `person`, or, when another person holds the same
    /// value, notes the two as a possible duplicate.
    private func noteInvalidSNILS(of user: MoodleIdentity, person: PersonID) async throws {
        guard let value = invalidSNILS(of: user) else { return }
        let claimedKey = "\(PersonKey.Kind.invalidSNILS.storageName)=\(value)"
        let holder: PersonID?
        if let inRun = claimed[claimedKey] {
            holder = inRun
        } else {
            holder = try await self.person(.invalidSNILS, value)
        }
        guard let holder else {
            claimed[claimedKey] = person
            newKeys.append(PersonKey(kind: .invalidSNILS, value: value, person: person))
            return
        }
        guard holder != person else { return }
        notes.append(
            LocalizedText(
                ru:
                    "СНИЛС «\(value)» (с неверной контрольной суммой) есть и у слушателя \(holder), пользователь записан как \(person): возможно, это один слушатель",
                en:
                    "SNILS '\(value)' (failing its check digits) is also held by \(holder), while this user is \(person): possibly one teacher"
            ))
    }

    /// When the user's valid SNILS identifies one of the two `found` persons and the user's other
    /// keys the other one: the SNILS's person (kept) and the other.
    private func sameValidSNILS(
        found: [PersonID], keys: [(kind: PersonKey.Kind, value: String)]
    ) async throws -> (keep: PersonID, other: PersonID, snils: String)? {
        guard let snils = keys.first(where: { $0.kind == .snils })?.value,
            let owner = try await person(.snils, snils), found.contains(owner)
        else { return nil }
        return (owner, found.first { $0 != owner }!, snils)
    }

    /// Merges the pair under `identity: { merge: auto }` outside a dry run, returning the person
    /// kept; nil when the policy is review, in a dry run, or when the merge log refuses the merge
    /// (a chain), so that the pair is reported instead.
    private func merge(
        _ pair: (keep: PersonID, other: PersonID, snils: String), user: MoodleIdentity
    ) async throws -> PersonID? {
        guard organisation.identityMerge == .auto, let run = mergingRun else { return nil }
        let merge = PersonMerge(
            kind: .merge, keep: pair.keep, other: pair.other,
            reason:
                "same valid SNILS \(pair.snils) (site \(site.id), user \(user.username ?? user.siteKey ?? "?"))",
            actor: "sync", run: run.id, recordedAt: run.now)
        do {
            _ = try await ledger.recordPersonMerge(merge)
        } catch is PersonMergeRefusal {
            return nil
        }
        merges.append(merge)
        // What was read ahead or resolved before the merge may name the merged person.
        known = known.mapValues { $0 == pair.other ? pair.keep : $0 }
        claimed = claimed.mapValues { $0 == pair.other ? pair.keep : $0 }
        cache = cache.mapValues { $0 == .person(pair.other) ? .person(pair.keep) : $0 }
        return pair.keep
    }

    private func register(
        _ person: PersonID, user: MoodleIdentity, siteKey: String,
        keys: [(kind: PersonKey.Kind, value: String)], isNew: Bool
    ) {
        // A key the ledger already gives this person is not written again.
        func add(_ kind: PersonKey.Kind, _ value: String) {
            guard known[PersonKey.Lookup(kind: kind, value: value)] != person else { return }
            newKeys.append(PersonKey(kind: kind, value: value, person: person))
        }
        add(.moodleUser(site.id), siteKey)
        if let idKey = user.idKey, idKey != siteKey { add(.moodleUser(site.id), idKey) }
        for key in keys where claimed["\(key.kind.storageName)=\(key.value)"] == nil {
            claimed["\(key.kind.storageName)=\(key.value)"] = person
            add(key.kind, key.value)
        }
        guard isNew, newPersons[person] == nil else { return }
        // A name never carries a control or bidirectional character into the ledger (a finding says so).
        newPersons[person] = Person(
            id: person, lastName: TextSafety.removingUnsafe(user.lastName ?? user.username ?? ""),
            firstName: TextSafety.removingUnsafe(user.firstName ?? ""),
            snils: user.profile.first { $0.key.lowercased() == "snils" }.flatMap { try? SNILS(parsing: $0.value) },
            email: user.email, idnumber: user.idnumber, category: category(of: user), centre: centre(of: user))
    }

    private func category(of user: MoodleIdentity) -> LearnerCategory {
        guard let field = organisation.categoryField else { return organisation.defaultCategory }
        let value = field.hasPrefix("profile.") ? user.profile[String(field.dropFirst(8))] : nil
        return organisation.category(forValue: value ?? (field == "department" ? user.department : nil))
    }

    private func centre(of user: MoodleIdentity) -> CentreID? {
        if let userID = user.userID, let centre = centreByUserID[userID] { return centre }
        guard let value = user.department else { return nil }
        return organisation.centres.first { $0.profileValue == value }?.id
    }
}

extension MoodleIdentity {
    /// This record, with the values `other` has filled in.
    func merging(_ other: MoodleIdentity) -> MoodleIdentity {
        var merged = self
        merged.userID = other.userID ?? userID
        merged.idnumber = other.idnumber ?? idnumber
        merged.email = other.email ?? email
        merged.firstName = other.firstName ?? firstName
        merged.lastName = other.lastName ?? lastName
        merged.department = other.department ?? department
        merged.profile.merge(other.profile) { _, new in new }
        return merged
    }
}
