import CreditCore

/// What the federal registry needs about a learner that neither Moodle nor the ledger holds, as the
/// registrar imports it from the institute's records.
public struct PersonDetails: Hashable, Sendable {
    public var person: PersonID?
    public var snils: SNILS?
    public var lastName: String?
    public var firstName: String?
    /// Отчество, when the ledger's person lacks it (Moodle has no such field).
    public var middleName: String?
    /// dd.MM.yyyy or yyyy-MM-dd in the file.
    public var birthDate: ReportDay?
    /// «Муж» or «Жен».
    public var sex: String?
    /// Уровень образования ВО/СПО, e.g. «Высшее образование».
    public var educationLevel: String?
    public var diplomaLastName: String?
    public var diplomaSeries: String?
    public var diplomaNumber: String?
    /// The country code of ОКСМ; 643 (Russia) when the file leaves it empty.
    public var citizenship: String?
    /// «Бюджетное обучение» or «Платное обучение»; the export's default when empty.
    public var funding: String?

    public init(
        person: PersonID? = nil, snils: SNILS? = nil, lastName: String? = nil, firstName: String? = nil,
        middleName: String? = nil, birthDate: ReportDay? = nil,
        sex: String? = nil,
        educationLevel: String? = nil, diplomaLastName: String? = nil, diplomaSeries: String? = nil,
        diplomaNumber: String? = nil, citizenship: String? = nil, funding: String? = nil
    ) {
        self.person = person
        self.snils = snils
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName
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
