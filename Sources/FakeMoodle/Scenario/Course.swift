/// A course (never the site course, which the server synthesises as id 1).
public struct Course: Sendable, Codable, Equatable {
    /// Course id (≥ 2).
    public var id: Int
    /// Short name, e.g. `MOD-ICT-01`.
    public var shortname: String
    /// ID number ("" when unset).
    public var idnumber: String
    /// Full name.
    public var fullname: String
    /// Category id.
    public var categoryID: Int
    /// `visible`.
    public var visible: Bool
    /// `enablecompletion`.
    public var enableCompletion: Bool
    /// Course start date (Unix seconds).
    public var startDate: Int
    /// Course end date (Unix seconds, 0 = none).
    public var endDate: Int
    /// Summary HTML; `nil` derives one from the name and hours.
    public var summary: String?
    /// Custom-field values by shortname, raw text (`"36"` for a number). Missing = no value.
    public var customFields: [String: String]
    /// Completion criteria; empty means "no criteria set".
    public var criteria: [CompletionCriterion]
    /// `timecreated` / `timemodified`.
    public var timeCreated: Int
    /// Enabled enrolment instances besides those the course's enrolments use (e.g. self enrolment
    /// nobody used yet).
    public var enrolmentMethods: [Enrolment.Method]

    /// Creates a course.
    public init(
        id: Int, shortname: String, idnumber: String? = nil, fullname: String, categoryID: Int,
        visible: Bool = true, enableCompletion: Bool = true, startDate: Int = 1_735_689_600, endDate: Int = 0,
        summary: String? = nil, customFields: [String: String] = [:],
        criteria: [CompletionCriterion] = [.activity(module: .page)], timeCreated: Int = 1_735_689_600,
        enrolmentMethods: [Enrolment.Method] = [.manual]
    ) {
        self.id = id
        self.shortname = shortname
        self.idnumber = idnumber ?? shortname
        self.fullname = fullname
        self.categoryID = categoryID
        self.visible = visible
        self.enableCompletion = enableCompletion
        self.startDate = startDate
        self.endDate = endDate
        self.summary = summary
        self.customFields = customFields
        self.criteria = criteria
        self.timeCreated = timeCreated
        self.enrolmentMethods = enrolmentMethods
    }

    /// The `hours` custom field as a number, if set.
    public var hours: Double? { customFields["hours"].flatMap(Double.init) }

    /// The activity module used as the course's activity criterion, if any.
    var activityModule: CompletionCriterion.Module? {
        for criterion in criteria { if case .activity(let module) = criterion { return module } }
        return nil
    }

    /// Course-module id of the criterion activity (stable per course).
    var activityCMID: Int { 2 * (id - 2) + 1 }
}

/// One course-completion criterion.
public enum CompletionCriterion: Sendable, Codable, Equatable {
    /// Activity kinds used as criteria.
    public enum Module: String, Sendable, Codable {
        /// Assignment, automatic completion "receive a (passing) grade".
        case assign
        /// Page with manual completion.
        case page
    }
    /// Type 4: an activity must be complete.
    case activity(module: Module)
    /// Type 1: the learner marks the course complete.
    case selfCompletion
    /// Type 7: a teacher marks the learner complete.
    case role(name: String)
}
