/// A course category from `core_course_get_categories`.
public struct MoodleCategory: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    /// `nil` for a category without one (e.g. the default "Category 1").
    public var idNumber: String?
    public var description: String?
    public var descriptionFormat: Int?
    /// 0 for a top-level category.
    public var parent: Int
    public var sortOrder: Int?
    public var courseCount: Int?
    public var visible: Bool?
    public var timeModified: Int?
    public var depth: Int?
    /// Ids from the root, e.g. `/2/3`.
    public var path: String?
    public var theme: String?

    enum CodingKeys: String, CodingKey {
        case id, name, idNumber = "idnumber", description, descriptionFormat = "descriptionformat", parent
        case sortOrder = "sortorder", courseCount = "coursecount", visible, timeModified = "timemodified"
        case depth, path, theme
    }
}
