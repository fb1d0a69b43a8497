/// The `options[]` of `core_enrol_get_enrolled_users`.
public struct MoodleEnrolledUsersOptions: Sendable, Equatable {
    /// Only the listed fields (plus `id`, `fullname`); far faster than all fields.
    public var userFields: [String]?
    /// Only active enrolments (needs `moodle/course:enrolreview`).
    public var onlyActive: Bool?
    /// Only users whose enrolments are all inactive; conflicts with `onlyActive`.
    public var onlySuspended: Bool?
    /// Only users with this capability (needs `moodle/role:review`).
    public var withCapability: String?
    public var groupID: Int?
    /// SQL offset.
    public var limitFrom: Int?
    /// SQL limit; 0 = no limit.
    public var limitNumber: Int?
    /// `id` (default), `firstname`, `lastname`, `siteorder`.
    public var sortBy: String?
    /// `ASC` or `DESC`.
    public var sortDirection: String?

    public init(
        userFields: [String]? = nil, onlyActive: Bool? = nil, onlySuspended: Bool? = nil,
        withCapability: String? = nil, groupID: Int? = nil, limitFrom: Int? = nil, limitNumber: Int? = nil,
        sortBy: String? = nil, sortDirection: String? = nil
    ) {
        self.userFields = userFields
        self.onlyActive = onlyActive
        self.onlySuspended = onlySuspended
        self.withCapability = withCapability
        self.groupID = groupID
        self.limitFrom = limitFrom
        self.limitNumber = limitNumber
        self.sortBy = sortBy
        self.sortDirection = sortDirection
    }

    /// The `{name, value}` pairs in a fixed order (filters first, then paging).
    public var pairs: [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        if let userFields { pairs.append((name: "userfields", value: userFields.joined(separator: ","))) }
        if let onlyActive { pairs.append((name: "onlyactive", value: onlyActive ? "1" : "0")) }
        if let onlySuspended { pairs.append((name: "onlysuspended", value: onlySuspended ? "1" : "0")) }
        if let withCapability { pairs.append((name: "withcapability", value: withCapability)) }
        if let groupID { pairs.append((name: "groupid", value: String(groupID))) }
        if let limitFrom { pairs.append((name: "limitfrom", value: String(limitFrom))) }
        if let limitNumber { pairs.append((name: "limitnumber", value: String(limitNumber))) }
        if let sortBy { pairs.append((name: "sortby", value: sortBy)) }
        if let sortDirection { pairs.append((name: "sortdirection", value: sortDirection)) }
        return pairs
    }
}
