import CreditCore
import Foundation

/// List the findings history: by default what is open, optionally one site's, one kind's, or only
/// what is new (opened — first seen, or seen again after it was resolved — since a day). What an
/// administrator reads each morning: `findings --since yesterday`.
public struct ListFindings: Sendable {
    public struct Input: Sendable {
        /// `open` (the default), `acknowledged`, `resolved` or `all`.
        public var state: String
        /// A site id of the mapping files; nil: every site.
        public var site: String?
        /// `today`, `yesterday`, or a day (yyyy-mm-dd or dd.mm.yyyy, in the region's time zone); nil:
        /// whenever.
        public var since: String?
        /// A finding kind (`unmatched-user`, …); nil: every kind.
        public var kind: String?

        public init(state: String = "open", site: String? = nil, since: String? = nil, kind: String? = nil) {
            self.state = state
            self.site = site
            self.since = since
            self.kind = kind
        }
    }

    public struct Result: Sendable, Encodable {
        /// The moment `since` named, when given.
        public var since: Date?
        public var findings: [RecordedFinding]
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    /// - Throws: ``ApplicationError`` for a state, site, day or kind that is not one; nothing is
    ///   opened then.
    public func run(_ input: Input) async throws -> Result {
        let filter = try Self.filter(input, mapping: mapping, now: now)
        return Result(since: filter.openedSince, findings: try await ledger().findings(filter))
    }

    /// The filter `input` names, checked against the mapping files.
    static func filter(_ input: Input, mapping: RegionMapping, now: Date) throws -> FindingFilter {
        var filter = FindingFilter()
        let state = input.state.trimmingCharacters(in: .whitespaces).lowercased()
        if state != "all" {
            guard let one = RecordedFinding.State(rawValue: state) else {
                throw ApplicationError(
                    .invalidValue, "--state \(input.state) is not a state: open, acknowledged, resolved or all")
            }
            filter.states = [one]
        }
        if let site = input.site?.trimmingCharacters(in: .whitespaces), !site.isEmpty {
            guard mapping.sites.contains(where: { $0.id.rawValue == site }) else {
                throw ApplicationError(
                    .unknown,
                    "unknown site \(site); the mapping files have: "
                        + mapping.sites.map(\.id.rawValue).joined(separator: ", "))
            }
            filter.site = SiteID(site)
        }
        if let kind = input.kind?.trimmingCharacters(in: .whitespaces), !kind.isEmpty {
            guard let known = FindingKind(rawValue: kind) else {
                throw ApplicationError(
                    .invalidValue,
                    "\(kind) is not a finding kind: " + FindingKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            filter.kind = known
        }
        if let since = input.since?.trimmingCharacters(in: .whitespaces), !since.isEmpty {
            filter.openedSince = try day(since, mapping: mapping, now: now)
        }
        return filter
    }

    /// The start of the day `text` names in the region: `today`, `yesterday`, or a date.
    static func day(_ text: String, mapping: RegionMapping, now: Date) throws -> Date {
        let region = RegionCalendar(mapping)
        let today = region.calendar.startOfDay(for: now)
        switch text.lowercased() {
        case "today": return today
        case "yesterday": return region.calendar.date(byAdding: .day, value: -1, to: today) ?? today
        default:
            guard let day = region.day(text) else {
                throw ApplicationError(
                    .invalidValue, "--since \(text) is not a day: today, yesterday, yyyy-mm-dd or dd.mm.yyyy")
            }
            return day
        }
    }
}
