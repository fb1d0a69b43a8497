/// A cohort from `core_cohort_get_cohorts`.
public struct MoodleCohort: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    public var idNumber: String?
    public var description: String?
    public var descriptionFormat: Int?
    public var visible: Bool?
    public var theme: String?

    enum CodingKeys: String, CodingKey {
        case id, name, idNumber = "idnumber", description, descriptionFormat = "descriptionformat", visible, theme
    }
}

/// The members of one cohort from `core_cohort_get_cohort_members` (ids in no particular order).
public struct MoodleCohortMembers: Sendable, Equatable, Decodable {
    public var cohortID: Int
    public var userIDs: [Int]

    enum CodingKeys: String, CodingKey { case cohortID = "cohortid", userIDs = "userids" }
}
