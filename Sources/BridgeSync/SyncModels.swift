import CreditCore
import Foundation

/// A Moodle user as the sync knows them: whatever identifying attributes the site returned.
struct MoodleIdentity: Hashable, Sendable {
    var userID: Int?
    var username: String?
    var idnumber: String?
    var email: String?
    var firstName: String?
    var lastName: String?
    var department: String?
    /// Custom profile fields by shortname (e.g. `snils`, `position`).
    var profile: [String: String] = [:]

    /// A stable per-site handle, the same on both completion paths: the username when known (the
    /// report path has no user ids), else the user id.
    var siteKey: String? { username.map { "u:\($0)" } ?? userID.map { "id:\($0)" } }

    var displayName: String {
        [lastName, firstName].compactMap { $0 }.joined(separator: " ").nonEmpty ?? username ?? siteKey ?? "?"
    }
}

/// One completed (user, course) pair read from a site.
struct SiteCompletion: Hashable, Sendable {
    var courseID: Int
    var user: MoodleIdentity
    var completedAt: Date
}

/// A course as the sync sees it, with the module it credits (if any).
struct SiteCourse: Hashable, Sendable {
    var id: Int
    var shortname: String
    var idnumber: String?
    var title: String
    var module: Module?
    /// The program named by the course's program field, if any.
    var program: ProgramID?
    var completionEnabled: Bool
    /// Whether learners see the course (a hidden course is left out of a learner's course list).
    var visible: Bool = true
    /// Why the course's hours field gives no module (a value that is not hours within the bounds).
    var hoursProblem: String? = nil
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// Something the sync noticed that a person should look at; the run goes on.
public struct SyncFinding: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A completion Moodle shows that the ledger has not credited yet (a dry run lists them).
        case notYetCredited = "not-yet-credited"
        /// A course with completions that maps to no module and carries no hours.
        case unmappedCourse = "unmapped-course"
        /// A Moodle user whose identity keys are all empty or unknown-and-unusable.
        case unmatchedUser = "unmatched-user"
        /// A Moodle user whose keys point at different persons.
        case ambiguousMatch = "ambiguous-match"
        /// A credited completion Moodle can no longer show (enrolment ended or suspended, account
        /// suspended or deleted, user unenrolled): the credit stays.
        case noLongerVerifiable = "no-longer-verifiable"
        /// A credited completion Moodle now reports as not complete: flagged for review.
        case revocationFlagged = "revocation-flagged"
        /// A credited completion Moodle reports as not complete, reversed by the site's policy.
        case revocationReversed = "revocation-reversed"
        /// A course's hours in Moodle differ from the hours credited earlier for it.
        case hoursMismatch = "hours-mismatch"
        /// A user's identity key that cannot serve (a SNILS failing its check digits, an e-mail
        /// that is not an address): left out of matching, to be corrected in Moodle.
        case invalidKey = "invalid-key"
        /// An issued, not cancelled certificate or statement certifies a credit this run reversed
        /// (by the site's revocation policy): the document stays as issued, for a registrar to review.
        case documentReliesOnReversedCredit = "document-relies-on-reversed-credit"
    }

    public var kind: Kind
    public var site: SiteID
    public var courseID: Int?
    public var course: String?
    public var user: String?
    public var person: PersonID?
    public var module: ModuleID?
    public var hours: CreditHours?
    /// The ledger entry concerned (the credit revoked or reversed), when there is one.
    public var entry: EntryID?
    public var detail: String

    public init(
        kind: Kind, site: SiteID, courseID: Int? = nil, course: String? = nil, user: String? = nil,
        person: PersonID? = nil, module: ModuleID? = nil, hours: CreditHours? = nil, entry: EntryID? = nil,
        detail: String
    ) {
        self.hours = hours
        self.entry = entry
        self.kind = kind
        self.site = site
        self.courseID = courseID
        self.course = course
        self.user = user
        self.person = person
        self.module = module
        self.detail = detail
    }
}
