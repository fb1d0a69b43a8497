/// What the mapping files describe about a region's domain: the Moodle sites, the modules and the
/// courses that teach them, the programs, the centres and categories, the training plan and
/// learners known in advance. How each site is reached (address, token source, limits) is read
/// beside it, into the configuration's `SiteConnection`.
public struct RegionMapping: Hashable, Sendable {
    /// The mapping-file format this model reads.
    public static let supportedVersion = 1

    public var sites: [SiteConfig]
    public var modules: [ModuleMapping]
    public var programs: [ProgramMapping]
    public var organisation: Organisation
    public var plan: TrainingPlan
    public var persons: [PersonRecord]

    public init(
        sites: [SiteConfig] = [], modules: [ModuleMapping] = [], programs: [ProgramMapping] = [],
        organisation: Organisation = Organisation(), plan: TrainingPlan = TrainingPlan(),
        persons: [PersonRecord] = []
    ) {
        self.sites = sites
        self.modules = modules
        self.programs = programs
        self.organisation = organisation
        self.plan = plan
        self.persons = persons
    }

    public func site(_ id: SiteID) -> SiteConfig? { sites.first { $0.id == id } }
    public func module(_ id: ModuleID) -> Module? { modules.first { $0.module.id == id }?.module }
    public func program(_ id: ProgramID) -> Program? { programs.first { $0.program.id == id }?.program }

    /// The module a Moodle course credits, by the course's site, idnumber, shortname or id.
    public func module(site: SiteID, courseID: Int, idnumber: String?, shortname: String?) -> Module? {
        modules.first { mapping in
            mapping.courses.contains { reference in
                guard reference.site == site else { return false }
                switch reference.key {
                case .id(let id): return id == courseID
                case .idnumber(let value): return value == idnumber
                case .shortname(let value): return value == shortname
                }
            }
        }?.module
    }
}
