import Foundation

/// A Moodle site as the domain knows it: its name, time zone, the fields that carry hours and
/// programs, how its users are identified and what a revoked completion does.
///
/// How the bridge reaches the site (its address, token source, limits) is not here: that is the
/// configuration's `SiteConnection`, so the ledger, the routes and the reports never see a URL or a token.
public struct SiteConfig: Hashable, Sendable {
    /// A user attribute that identifies a person across sites, tried in the configured order.
    public enum IdentityKey: Hashable, Sendable, CustomStringConvertible {
        /// A custom profile field, e.g. `snils`; a SNILS field is matched by its digits.
        case profileField(String)
        case idnumber
        case email
        case username

        public var description: String {
            switch self {
            case .profileField(let name): "profile.\(name)"
            case .idnumber: "idnumber"
            case .email: "email"
            case .username: "username"
            }
        }
    }

    /// What to do when Moodle says a credited completion is no longer complete.
    public enum RevocationPolicy: String, Hashable, Sendable, CaseIterable {
        /// Flag it for review; the credit stays.
        case flag
        /// Write a reversal entry.
        case reverse
    }

    public var id: SiteID
    public var name: String
    /// The site's time zone, used to read dates that Moodle formats as text (report cells).
    public var timeZone: String
    /// The course custom field (shortname) that carries a course's hours, if any.
    public var hoursField: String?
    /// The course custom field (shortname) that names a course's program, if any.
    public var programField: String?
    public var identity: [IdentityKey]
    public var revocations: RevocationPolicy
    /// Run a full re-verifying sync when the last full one is this many days old.
    public var fullSyncEveryDays: Int
    /// The share of the site's standing credits (in percent) that one run may reverse by the
    /// revocation policy; above it, and above ``revocationGuardMinimum``, it reverses none.
    public var revocationGuardPercent: Double
    /// The count of reversals one run may always write, whatever the share.
    public var revocationGuardMinimum: Int
    public var location: SourceLocation?

    public init(
        id: SiteID, name: String, timeZone: String = "Europe/Moscow", hoursField: String? = nil,
        programField: String? = nil, identity: [IdentityKey] = [.idnumber, .email],
        revocations: RevocationPolicy = .flag, fullSyncEveryDays: Int = 7, revocationGuardPercent: Double = 2,
        revocationGuardMinimum: Int = 5, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.hoursField = hoursField
        self.programField = programField
        self.identity = identity
        self.revocations = revocations
        self.fullSyncEveryDays = fullSyncEveryDays
        self.revocationGuardPercent = revocationGuardPercent
        self.revocationGuardMinimum = revocationGuardMinimum
        self.location = location
    }
}
