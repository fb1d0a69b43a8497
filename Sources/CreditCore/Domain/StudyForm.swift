/// How a module is taught.
public enum StudyForm: String, CaseIterable, Hashable, Sendable, Codable {
    /// A distance course, usually in Moodle (дистанционная).
    case distance
    /// An in-person module (очная).
    case inPerson = "in-person"
    /// A short accumulative seminar (модульно-семинарские занятия).
    case seminar
}
