/// A course custom field or user profile field definition.
public struct FieldDefinition: Sendable, Codable, Equatable {
    /// Field type as Moodle names the plugin.
    public enum Kind: String, Sendable, Codable {
        /// Text field.
        case text
        /// Number field (`valueraw` is a JSON number).
        case number
    }
    /// Shortname, e.g. `hours` or `snils`.
    public var shortname: String
    /// Display name, e.g. "Объём (академ. часов)".
    public var name: String
    /// Field type.
    public var kind: Kind

    /// Creates a field definition.
    public init(shortname: String, name: String, kind: Kind) {
        self.shortname = shortname
        self.name = name
        self.kind = kind
    }

    /// `hours` (number) and `program` (text), as on the captured site.
    public static let defaultCourseFields = [
        FieldDefinition(shortname: "hours", name: "Объём (академ. часов)", kind: .number),
        FieldDefinition(shortname: "program", name: "Программа", kind: .text),
    ]

    /// `snils` and `position` (text), as on the captured site.
    public static let defaultProfileFields = [
        FieldDefinition(shortname: "snils", name: "СНИЛС", kind: .text),
        FieldDefinition(shortname: "position", name: "Должность", kind: .text),
    ]
}

/// A course category.
public struct Category: Sendable, Codable, Equatable {
    /// Category id.
    public var id: Int
    /// Name.
    public var name: String
    /// ID number; `nil` prints as JSON null.
    public var idnumber: String?
    /// Description (HTML).
    public var description: String
    /// Parent category id, 0 for top level.
    public var parent: Int
    /// Visibility.
    public var visible: Bool

    /// Creates a category.
    public init(
        id: Int, name: String, idnumber: String? = nil, description: String = "", parent: Int = 0, visible: Bool = true
    ) {
        self.id = id
        self.name = name
        self.idnumber = idnumber
        self.description = description
        self.parent = parent
        self.visible = visible
    }
}

/// A cohort and its members.
public struct Cohort: Sendable, Codable, Equatable {
    /// Cohort id.
    public var id: Int
    /// Name.
    public var name: String
    /// ID number.
    public var idnumber: String
    /// Description.
    public var description: String
    /// Visibility.
    public var visible: Bool
    /// Member user ids.
    public var memberIDs: [Int]

    /// Creates a cohort.
    public init(
        id: Int, name: String, idnumber: String, description: String = "", visible: Bool = true, memberIDs: [Int] = []
    ) {
        self.id = id
        self.name = name
        self.idnumber = idnumber
        self.description = description
        self.visible = visible
        self.memberIDs = memberIDs
    }
}
