/// A user account.
public struct User: Sendable, Codable, Equatable {
    /// User id.
    public var id: Int
    /// Username (for a deleted user, Moodle's mangled `<email>.<time>`).
    public var username: String
    /// ID number ("" when unset).
    public var idnumber: String
    /// Email (for a deleted user, an MD5 hash).
    public var email: String
    /// First name.
    public var firstname: String
    /// Last name.
    public var lastname: String
    /// Department ("" = empty, omitted from output).
    public var department: String
    /// Institution.
    public var institution: String
    /// City.
    public var city: String
    /// Country code.
    public var country: String
    /// Auth plugin.
    public var auth: String
    /// Account suspended.
    public var suspended: Bool
    /// Account deleted.
    public var deleted: Bool
    /// Profile-field values by shortname (e.g. `snils`); missing = no value.
    public var profile: [String: String]
    /// Password accepted by `/login/token.php`; `nil` = the user cannot log in.
    public var password: String?

    /// Creates a user.
    public init(
        id: Int, username: String, idnumber: String = "", email: String? = nil, firstname: String,
        lastname: String, department: String = "", institution: String = "", city: String = "",
        country: String = "RU", auth: String = "manual", suspended: Bool = false, deleted: Bool = false,
        profile: [String: String] = [:], password: String? = nil
    ) {
        self.id = id
        self.username = username
        self.idnumber = idnumber
        self.email = email ?? "\(username)@example.org"
        self.firstname = firstname
        self.lastname = lastname
        self.department = department
        self.institution = institution
        self.city = city
        self.country = country
        self.auth = auth
        self.suspended = suspended
        self.deleted = deleted
        self.profile = profile
        self.password = password
    }

    /// "First Last".
    public var fullname: String { "\(firstname) \(lastname)" }
}
