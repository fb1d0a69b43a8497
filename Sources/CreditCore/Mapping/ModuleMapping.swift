/// A credit module and the Moodle courses that teach it.
public struct ModuleMapping: Hashable, Sendable {
    public var module: Module
    /// The Moodle courses whose completion credits this module; empty for modules recorded only on
    /// credit sheets (in-person modules, seminars).
    public var courses: [CourseReference]
    public var location: SourceLocation?

    public init(module: Module, courses: [CourseReference] = [], location: SourceLocation? = nil) {
        self.module = module
        self.courses = courses
        self.location = location
    }
}

/// A Moodle course, named the way an administrator knows it.
public struct CourseReference: Hashable, Sendable, CustomStringConvertible {
    /// How the course is named.
    public enum Key: Hashable, Sendable {
        case idnumber(String)
        case shortname(String)
        case id(Int)
    }

    public var site: SiteID
    public var key: Key
    public var location: SourceLocation?

    public init(site: SiteID, key: Key, location: SourceLocation? = nil) {
        self.site = site
        self.key = key
        self.location = location
    }

    public var description: String {
        switch key {
        case .idnumber(let value): "\(site) course idnumber \(value)"
        case .shortname(let value): "\(site) course shortname \(value)"
        case .id(let value): "\(site) course id \(value)"
        }
    }

    /// The course's identity, whatever the location it was written at.
    public var identity: CourseReference { CourseReference(site: site, key: key) }
}
