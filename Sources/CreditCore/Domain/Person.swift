/// A learner, as the ledger knows them.
public struct Person: Hashable, Sendable, Codable {
    public var id: PersonID
    public var lastName: String
    public var firstName: String
    public var middleName: String?
    public var snils: SNILS?
    public var email: String?
    public var idnumber: String?
    public var category: LearnerCategory
    public var centre: CentreID?

    public init(
        id: PersonID, lastName: String, firstName: String, middleName: String? = nil,
        snils: SNILS? = nil, email: String? = nil, idnumber: String? = nil,
        category: LearnerCategory = .teacher, centre: CentreID? = nil
    ) {
        self.id = id
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName
        self.snils = snils
        self.email = email
        self.idnumber = idnumber
        self.category = category
        self.centre = centre
    }

    /// "Фамилия Имя Отчество", the order Russian documents use.
    public var fullName: String {
        [lastName, firstName, middleName].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
