/// The stable identity of a finding across runs: its kind, its site, and the thing it is about.
///
/// Two runs that report the same doubt about the same thing give the same key, whatever the
/// finding's wording says that day, so the findings history can tell a finding seen again from a
/// new one. The subject names only what the finding is about (never counts, dates or values that
/// change while the doubt stays), in a fixed order:
///
/// ```swift
/// FindingKey(kind: .unmatchedUser, site: "site-a", subject: .init(course: "12", user: "u:ivanova"))
/// // unmatched-user site-a course:12/user:u:ivanova
/// ```
public struct FindingKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var kind: FindingKind
    public var site: SiteID
    /// The thing the finding is about, as ``Subject/text`` gives it.
    public var subject: String

    public init(kind: FindingKind, site: SiteID, subject: String) {
        self.kind = kind
        self.site = site
        self.subject = subject
    }

    public init(kind: FindingKind, site: SiteID, subject: Subject) {
        self.init(kind: kind, site: site, subject: subject.text)
    }

    /// `kind site subject`.
    public var description: String { "\(kind.rawValue) \(site) \(subject)" }

    /// What a finding is about: a Moodle course, a Moodle user (and which field of their profile),
    /// a ledger entry, a module, an issued document; each part that applies.
    public struct Subject: Hashable, Sendable {
        /// The Moodle course: its id, or its short name when the run had no id.
        public var course: String?
        /// The Moodle user: the username, or the site key (`id:17`) when there is none.
        public var user: String?
        /// The field of the user's profile the finding is about (`email`, `snils`, `firstname`).
        public var field: String?
        /// The ledger entry (a credit) concerned.
        public var entry: EntryID?
        /// The module, for findings about a module as a whole (its hours).
        public var module: ModuleID?
        /// The issued document's registration number.
        public var document: String?

        public init(
            course: String? = nil, user: String? = nil, field: String? = nil, entry: EntryID? = nil,
            module: ModuleID? = nil, document: String? = nil
        ) {
            self.course = course
            self.user = user
            self.field = field
            self.entry = entry
            self.module = module
            self.document = document
        }

        /// `course:12/user:u:ivanova`, parts in a fixed order; `site` when the finding is about no
        /// one thing.
        public var text: String {
            let parts: [(String, String?)] = [
                ("course", course), ("user", user), ("field", field), ("entry", entry?.rawValue),
                ("module", module?.rawValue), ("document", document),
            ]
            let named = parts.compactMap { name, value in value.map { "\(name):\($0)" } }
            return named.isEmpty ? "site" : named.joined(separator: "/")
        }
    }
}
