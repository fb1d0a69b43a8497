/// `core_completion_get_activities_completion_status`: activities the *caller* can see.
public struct MoodleActivitiesCompletionStatus: Sendable, Equatable, Decodable {
    public var statuses: [MoodleActivityCompletionStatus]
    public var warnings: [MoodleWarning]
}

/// The completion state of one activity for a user.
public struct MoodleActivityCompletionStatus: Sendable, Equatable, Decodable {
    public var cmID: Int
    public var modName: String
    public var instance: Int
    /// 0 incomplete, 1 complete, 2 complete-pass, 3 complete-fail.
    public var state: Int
    /// 0 if never completed.
    public var timeCompleted: Int
    /// 0 none, 1 manual, 2 automatic.
    public var tracking: Int
    public var overrideBy: Int?
    public var valueUsed: Bool?
    public var hasCompletion: Bool?
    public var isAutomatic: Bool?
    public var isTrackedUser: Bool?
    public var userVisible: Bool?
    public var isOverallComplete: Bool?

    enum CodingKeys: String, CodingKey {
        case cmID = "cmid", modName = "modname", instance, state, timeCompleted = "timecompleted", tracking
        case overrideBy = "overrideby", valueUsed = "valueused", hasCompletion = "hascompletion"
        case isAutomatic = "isautomatic", isTrackedUser = "istrackeduser", userVisible = "uservisible"
        case isOverallComplete = "isoverallcomplete"
    }
}
