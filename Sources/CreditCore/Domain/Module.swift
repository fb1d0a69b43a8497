/// A unit of study that earns credit hours when passed: a distance course, an in-person module or a
/// seminar.
public struct Module: Hashable, Sendable, Codable {
    public var id: ModuleID
    public var title: String
    public var hours: CreditHours
    public var form: StudyForm

    public init(id: ModuleID, title: String, hours: CreditHours, form: StudyForm) {
        self.id = id
        self.title = title
        self.hours = hours
        self.form = form
    }
}
