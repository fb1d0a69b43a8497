import CreditCore
import Foundation

/// Which part of the ledger a report covers. Every criterion left nil covers everything.
public struct ReportFilter: Hashable, Sendable {
    /// Only credits from this Moodle site.
    public var site: SiteID?
    /// Only learners of this methodical centre.
    public var centre: CentreID?
    /// Only learners of this category.
    public var category: LearnerCategory?
    /// Only from this day on (inclusive): credits by when they occurred, documents by issue date.
    public var from: ReportDay?
    /// Only up to this day (inclusive).
    public var to: ReportDay?
    /// Only this learner.
    public var person: PersonID?

    public init(
        site: SiteID? = nil, centre: CentreID? = nil, category: LearnerCategory? = nil, from: ReportDay? = nil,
        to: ReportDay? = nil, person: PersonID? = nil
    ) {
        self.site = site
        self.centre = centre
        self.category = category
        self.from = from
        self.to = to
        self.person = person
    }

    /// Whether the learner is covered (a learner unknown to the ledger is kept unless a person,
    /// centre or category is asked for).
    public func includes(_ person: Person?, id: PersonID) -> Bool {
        if let wanted = self.person, wanted != id { return false }
        if let centre, person?.centre != centre { return false }
        if let category, person?.category != category { return false }
        return true
    }

    /// Whether the day lies in `from … to`.
    public func includes(_ day: ReportDay?) -> Bool {
        guard from != nil || to != nil else { return true }
        guard let day else { return false }
        if let from, day < from { return false }
        if let to, to < day { return false }
        return true
    }

    /// Whether a credit entry's source is covered by the site criterion.
    public func includes(source: EntrySource) -> Bool {
        guard let site else { return true }
        if case .moodle(let entrySite, _, _) = source { return entrySite == site }
        return false
    }
}
