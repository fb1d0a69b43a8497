import CreditCore
import Foundation

/// A criterion a report can be narrowed by, named as on the command line.
public enum ReportCriterion: String, CaseIterable, Hashable, Sendable {
    case site
    case centre
    case category
    case from
    case to
    case person
    case asOf = "as-of"

    /// The command-line option, e.g. `--as-of`.
    public var option: String { "--\(rawValue)" }
}

extension ReportKind {
    /// Why `criterion` cannot narrow this report, or nil when it applies. A criterion that cannot
    /// apply is refused rather than silently ignored.
    public func refusal(of criterion: ReportCriterion) -> String? {
        switch (self, criterion) {
        case (.reconciliation, .site):
            return nil
        case (.reconciliation, _):
            return "the reconciliation compares each site with the ledger as it is now; it takes only --site"
        case (.creditSheet, .centre), (.creditSheet, .category):
            return "a credit sheet is one learner's (--person); their centre and category do not narrow it"
        case (.certificates, .site), (.frdo, .site), (.statements, .site):
            return "a document covers a whole route, whose credits may come from several sites; "
                + "narrow it by --centre, --category or --person instead"
        case (.centres, .site):
            return "its route columns cannot be split by the site the credits came from"
        case (.plan, .site), (.plan, .centre), (.plan, .person):
            return "the training plan has months, forms and categories only; "
                + "there is no plan by site, centre or learner to compare with"
        default:
            return nil
        }
    }
}

/// The criteria as given on the command line, before they are checked against the mapping and the
/// ledger. ``filter(for:mapping:snapshot:)`` turns them into a ``ReportFilter`` or refuses them:
/// every criterion either applies or is refused, never silently ignored.
public struct ReportCriteria: Hashable, Sendable {
    /// A site id of the mapping files.
    public var site: String?
    /// A centre by its id (`MMC-04`), its cohort or field value (`ММЦ-04`) or its name.
    public var centre: String?
    public var category: LearnerCategory?
    public var from: ReportDay?
    public var to: ReportDay?
    /// A learner by their id in the ledger or their SNILS.
    public var person: String?
    /// The day the report describes the ledger at (its end, in the region).
    public var asOf: ReportDay?

    public init(
        site: String? = nil, centre: String? = nil, category: LearnerCategory? = nil, from: ReportDay? = nil,
        to: ReportDay? = nil, person: String? = nil, asOf: ReportDay? = nil
    ) {
        self.site = site
        self.centre = centre
        self.category = category
        self.from = from
        self.to = to
        self.person = person
        self.asOf = asOf
    }

    /// The criteria given, in the order of ``ReportCriterion``.
    public var given: [ReportCriterion] {
        ReportCriterion.allCases.filter { criterion in
            switch criterion {
            case .site: site != nil
            case .centre: centre != nil
            case .category: category != nil
            case .from: from != nil
            case .to: to != nil
            case .person: person != nil
            case .asOf: asOf != nil
            }
        }
    }

    /// Checks what can be checked without the ledger: the site and centre exist, every criterion
    /// applies to `kind`, the period is not empty (and, for the plan, whole months).
    ///
    /// - Throws: ``ReportError``, naming the known sites or centres when one is unknown.
    public func check(for kind: ReportKind, mapping: RegionMapping) throws {
        if let site, mapping.site(SiteID(site)) == nil {
            throw ReportError.unknownSite(site, known: mapping.sites.map(\.id.rawValue))
        }
        if let centre { _ = try mapping.organisation.centre(named: centre) }
        for criterion in given {
            if let reason = kind.refusal(of: criterion) {
                throw ReportError.notApplicable(criterion, kind, reason: reason)
            }
        }
        if let from, let to, to < from { throw ReportError.emptyPeriod(from: from, to: to) }
        if kind == .plan {
            if let from, from.day != 1 { throw ReportError.notWholeMonth(.from, from) }
            if let to, to != to.lastDayOfMonth { throw ReportError.notWholeMonth(.to, to) }
        }
    }

    /// The filter for a report of `kind`: ``check(for:mapping:)``, then the centre resolved to its
    /// id and the learner found in the ledger.
    ///
    /// - Throws: ``ReportError`` when a criterion does not apply to `kind`, names a site, centre or
    ///   learner nobody knows, or the period is empty (or, for the plan, not whole months).
    public func filter(for kind: ReportKind, mapping: RegionMapping, snapshot: LedgerSnapshot) throws -> ReportFilter {
        try check(for: kind, mapping: mapping)
        var filter = ReportFilter(
            site: site.map(SiteID.init), category: category, from: from, to: to)
        if let centre { filter.centre = try mapping.organisation.centre(named: centre).id }
        if let person { filter.person = try Self.person(person, in: snapshot) }
        return filter
    }

    /// The learner a ledger id or a SNILS names.
    static func person(_ text: String, in snapshot: LedgerSnapshot) throws -> PersonID {
        if let snils = try? SNILS(parsing: text) {
            guard let found = snapshot.persons.first(where: { $0.snils == snils }) else {
                throw ReportError.unknownSNILS(snils.formatted)
            }
            return found.id
        }
        let id = PersonID(text)
        guard snapshot.personByID[id] != nil else { throw ReportError.unknownPerson(id) }
        return id
    }
}

extension Organisation {
    /// The centre `text` names: its id (`MMC-04`), its cohort or field value (`ММЦ-04`, the way
    /// registrars write it) or its name, compared without regard to case, `ё`/`е`, dashes and spaces.
    ///
    /// - Throws: ``ReportError/unknownCentre(_:known:)`` listing the centres when none matches,
    ///   ``ReportError/ambiguousCentre(_:matches:)`` when several do.
    public func centre(named text: String) throws -> Centre {
        let wanted = Self.comparable(text)
        let matches = centres.filter { centre in
            [centre.id.rawValue, centre.cohort, centre.profileValue, centre.name].compactMap { $0 }
                .contains { Self.comparable($0) == wanted }
        }
        guard let first = matches.first else {
            throw ReportError.unknownCentre(text, known: centres.map(Self.describe))
        }
        guard matches.count == 1 else { throw ReportError.ambiguousCentre(text, matches: matches.map(Self.describe)) }
        return first
    }

    private static func describe(_ centre: Centre) -> String { "\(centre.id) (\(centre.name))" }

    static func comparable(_ text: String) -> String {
        let dashes: Set<Character> = ["‐", "‑", "‒", "–", "—", "−"]
        let folded = text.lowercased().replacingOccurrences(of: "ё", with: "е")
            .map { dashes.contains($0) ? "-" : $0 }
        return String(folded).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension ReportDay {
    /// The last day of this day's month.
    public var lastDayOfMonth: ReportDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        let days = calendar.range(of: .day, in: .month, for: first)?.count ?? 31
        return ReportDay(year: year, month: month, day: days)
    }
}
