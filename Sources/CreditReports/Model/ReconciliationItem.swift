import CreditCore

/// One difference between Moodle and the ledger, as the sync finds it, for the reconciliation report.
public struct ReconciliationItem: Hashable, Sendable {
    public var kind: FindingKind
    public var site: SiteID?
    public var courseID: Int?
    /// The course's name as Moodle shows it.
    public var courseName: String?
    public var userID: Int?
    /// The user's name (or e-mail) as Moodle shows it.
    public var userName: String?
    public var person: PersonID?
    public var module: ModuleID?
    public var hours: CreditHours?
    /// The particulars, in one sentence (e.g. "ledger 24 h, mapping 18 h"), in both languages.
    public var detail: LocalizedText

    public init(
        kind: FindingKind, site: SiteID? = nil, courseID: Int? = nil, courseName: String? = nil, userID: Int? = nil,
        userName: String? = nil, person: PersonID? = nil, module: ModuleID? = nil, hours: CreditHours? = nil,
        detail: LocalizedText = LocalizedText("")
    ) {
        self.kind = kind
        self.site = site
        self.courseID = courseID
        self.courseName = courseName
        self.userID = userID
        self.userName = userName
        self.person = person
        self.module = module
        self.hours = hours
        self.detail = detail
    }
}
