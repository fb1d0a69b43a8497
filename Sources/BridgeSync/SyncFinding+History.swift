import CreditCore
import Foundation

extension SyncFinding {
    /// The finding's identity in the findings history: its kind, site and what it is about.
    ///
    /// - a course not credited, a user not matched or matched ambiguously: the course and the user;
    /// - an unmapped course: the course (its id, or its short name when the report gave no id);
    /// - a credit revoked, awaiting Moodle's completion task, no longer verifiable: the credit;
    /// - an hour mismatch: the module;
    /// - an invalid key or an unsafe name: the user and the field of their profile;
    /// - a document relying on a reversed credit, or changed by a merge: the credit and the document;
    /// - a possible duplicate: the user whose keys lead to two persons.
    public var key: FindingKey {
        let course = courseID.map(String.init) ?? self.course
        let subject: FindingKey.Subject =
            switch kind {
            case .notYetCredited, .unmatchedUser, .ambiguousMatch: .init(course: course, user: user)
            case .unmappedCourse: .init(course: course)
            case .noLongerVerifiable, .awaitingCompletionTask, .revocationFlagged, .revocationReversed:
                entry.map { FindingKey.Subject(entry: $0) }
                    ?? FindingKey.Subject(course: course, user: user, module: module)
            case .hoursMismatch: .init(module: module)
            case .invalidKey, .unsafeName: .init(user: user, field: field)
            case .documentReliesOnReversedCredit, .mergeChangesDocument: .init(entry: entry, document: document)
            case .possibleDuplicate: .init(user: user)
            }
        return FindingKey(kind: kind, site: site, subject: subject)
    }

    /// The finding as the history records it.
    public var observation: FindingObservation {
        FindingObservation(
            key: key, detail: detail, person: person, course: course ?? courseID.map { "#\($0)" }, user: user,
            module: module)
    }
}

extension SiteSyncResult {
    /// What the run reported, with what it covered, for the findings history.
    public func sighting(run: String, at: Date) -> FindingSighting {
        FindingSighting(site: site, run: run, at: at, findings: findings.map(\.observation), covered: covered)
    }
}
