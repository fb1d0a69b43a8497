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

    /// The Moodle user id as a per-site person key: it survives a renamed username, a changed e-mail
    /// or idnumber, so the sync still knows the person.
    var idKey: String? { userID.map { "id:\($0)" } }

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
    var hoursProblem: LocalizedText? = nil
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// Something the sync noticed that a person should look at; the run goes on.
public struct SyncFinding: Hashable, Sendable, Codable {
    public var kind: FindingKind
    public var site: SiteID
    public var courseID: Int?
    public var course: String?
    public var user: String?
    public var person: PersonID?
    public var module: ModuleID?
    public var hours: CreditHours?
    /// The ledger entry concerned (the credit revoked or reversed), when there is one.
    public var entry: EntryID?
    /// The field of the user's profile concerned (`email`, `snils`, `idnumber`, `firstname`).
    public var field: String?
    /// The registration number of the issued document concerned.
    public var document: String?
    /// The particulars, in both languages: each reader shows its own.
    public var detail: LocalizedText

    public init(
        kind: FindingKind, site: SiteID, courseID: Int? = nil, course: String? = nil, user: String? = nil,
        person: PersonID? = nil, module: ModuleID? = nil, hours: CreditHours? = nil, entry: EntryID? = nil,
        field: String? = nil, document: String? = nil, detail: LocalizedText
    ) {
        self.field = field
        self.document = document
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
