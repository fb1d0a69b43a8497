/// A methodical centre (ММЦ) and how its members are recognised in Moodle.
public struct Centre: Hashable, Sendable {
    public var id: CentreID
    public var name: String
    /// Members of the cohort with this idnumber belong to the centre.
    public var cohort: String?
    /// Users whose centre profile value equals this belong to the centre.
    public var profileValue: String?
    public var location: SourceLocation?

    public init(
        id: CentreID, name: String, cohort: String? = nil, profileValue: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.cohort = cohort
        self.profileValue = profileValue
        self.location = location
    }
}

/// How learners are sorted into categories and centres from what Moodle knows of them.
public struct Organisation: Hashable, Sendable {
    /// The institution's full name, as reports and documents print it.
    public var institution: String?
    /// The lines printed under the name on statements, credit sheets and the registry book: address,
    /// tax numbers, licence (`institution_requisites:` in the mapping files).
    public var requisites: [String] = []
    /// The prefixes of the document number series (`numbering:` in the mapping files).
    public var numbering: DocumentNumbering = DocumentNumbering()
    /// What a sync does when a valid SNILS turns up on two persons (`identity: { merge: … }`).
    public var identityMerge: IdentityMergePolicy = .review
    public var centres: [Centre]
    /// The user field whose value names the centre when no cohort does (e.g. `department`).
    public var centreField: String?
    /// The user field whose value decides the category (e.g. `profile.position`).
    public var categoryField: String?
    /// Field values (compared case-insensitively) for each category.
    public var categoryValues: [LearnerCategory: [String]]
    /// The category of a learner whose value matches none.
    public var defaultCategory: LearnerCategory

    public init(
        institution: String? = nil, centres: [Centre] = [], centreField: String? = nil,
        categoryField: String? = nil, categoryValues: [LearnerCategory: [String]] = [:],
        defaultCategory: LearnerCategory = .teacher
    ) {
        self.institution = institution
        self.centres = centres
        self.centreField = centreField
        self.categoryField = categoryField
        self.categoryValues = categoryValues
        self.defaultCategory = defaultCategory
    }

    /// The category for a field value.
    public func category(forValue value: String?) -> LearnerCategory {
        guard let value = value?.lowercased() else { return defaultCategory }
        for category in LearnerCategory.allCases
        where categoryValues[category, default: []].contains(where: { $0.lowercased() == value }) {
            return category
        }
        return defaultCategory
    }
}

/// What a sync does when a strong key (a valid SNILS) turns up on two persons of the registry.
public enum IdentityMergePolicy: String, Hashable, Sendable, CaseIterable {
    /// Report a `possible-duplicate` finding; a registrar merges with `persons merge`.
    case review
    /// Merge them at once (recorded in the merge log with the reason and the run).
    case auto
}
