/// A program as written in a mapping file, with where each of its module references stands.
public struct ProgramMapping: Hashable, Sendable {
    /// A module named in a program, and where.
    public struct ModuleReference: Hashable, Sendable {
        public var id: ModuleID
        public var location: SourceLocation?

        public init(id: ModuleID, location: SourceLocation? = nil) {
            self.id = id
            self.location = location
        }
    }

    public var program: Program
    /// The modules the file lists (for free choice with an explicit list, or a trajectory); empty
    /// when every module is allowed.
    public var listedModules: [ModuleReference]
    public var location: SourceLocation?

    public init(program: Program, listedModules: [ModuleReference] = [], location: SourceLocation? = nil) {
        self.program = program
        self.listedModules = listedModules
        self.location = location
    }
}

/// A learner registered in the mapping files before Moodle knows them (for example, in-person
/// seminar participants).
public struct PersonRecord: Hashable, Sendable {
    public var person: Person
    public var location: SourceLocation?

    public init(person: Person, location: SourceLocation? = nil) {
        self.person = person
        self.location = location
    }
}
