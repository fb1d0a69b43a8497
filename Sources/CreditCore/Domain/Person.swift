/// A learner, as the person registry knows them.
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
    /// What the federal registry export needs besides names and SNILS, as the registrar gives it.
    public var registry: RegistryDetails

    public init(
        id: PersonID, lastName: String, firstName: String, middleName: String? = nil,
        snils: SNILS? = nil, email: String? = nil, idnumber: String? = nil,
        category: LearnerCategory = .teacher, centre: CentreID? = nil, registry: RegistryDetails = RegistryDetails()
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
        self.registry = registry
    }

    /// "Фамилия Имя Отчество", the order Russian documents use.
    public var fullName: String {
        [lastName, firstName, middleName].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

/// The federal registry's fields of a person that neither Moodle nor a credit sheet carries.
public struct RegistryDetails: Hashable, Sendable, Codable {
    /// yyyy-MM-dd.
    public var birthDate: String?
    /// «Муж» or «Жен».
    public var sex: String?
    public var educationLevel: String?
    public var diplomaLastName: String?
    public var diplomaSeries: String?
    public var diplomaNumber: String?
    /// The country code of ОКСМ.
    public var citizenship: String?
    public var funding: String?

    public init(
        birthDate: String? = nil, sex: String? = nil, educationLevel: String? = nil, diplomaLastName: String? = nil,
        diplomaSeries: String? = nil, diplomaNumber: String? = nil, citizenship: String? = nil, funding: String? = nil
    ) {
        self.birthDate = birthDate
        self.sex = sex
        self.educationLevel = educationLevel
        self.diplomaLastName = diplomaLastName
        self.diplomaSeries = diplomaSeries
        self.diplomaNumber = diplomaNumber
        self.citizenship = citizenship
        self.funding = funding
    }
}

extension Person {
    /// A field's value as text (SNILS formatted, category by its stored name); nil when empty.
    public subscript(field: PersonField) -> String? {
        switch field {
        case .lastName: lastName.isEmpty ? nil : lastName
        case .firstName: firstName.isEmpty ? nil : firstName
        case .middleName: middleName
        case .snils: snils?.formatted
        case .email: email
        case .idnumber: idnumber
        case .category: category.rawValue
        case .centre: centre?.rawValue
        case .birthDate: registry.birthDate
        case .sex: registry.sex
        case .educationLevel: registry.educationLevel
        case .diplomaLastName: registry.diplomaLastName
        case .diplomaSeries: registry.diplomaSeries
        case .diplomaNumber: registry.diplomaNumber
        case .citizenship: registry.citizenship
        case .funding: registry.funding
        }
    }

    /// Sets a field from text; false (and nothing set) when the text is no value of the field.
    @discardableResult
    public mutating func set(_ field: PersonField, to text: String) -> Bool {
        switch field {
        case .lastName: lastName = text
        case .firstName: firstName = text
        case .middleName: middleName = text
        case .snils:
            guard let value = try? SNILS(parsing: text) else { return false }
            snils = value
        case .email: email = text
        case .idnumber: idnumber = text
        case .category:
            guard let value = LearnerCategory(rawValue: text) else { return false }
            category = value
        case .centre: centre = CentreID(text)
        case .birthDate: registry.birthDate = text
        case .sex: registry.sex = text
        case .educationLevel: registry.educationLevel = text
        case .diplomaLastName: registry.diplomaLastName = text
        case .diplomaSeries: registry.diplomaSeries = text
        case .diplomaNumber: registry.diplomaNumber = text
        case .citizenship: registry.citizenship = text
        case .funding: registry.funding = text
        }
        return true
    }
}
