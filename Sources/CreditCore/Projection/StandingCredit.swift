import Foundation

/// A credit as the projection keeps it: what every reader needs of a credit that no reversal cancels
/// (the idempotency key, batch and note stay in the ledger's entries).
public struct StandingCredit: Hashable, Sendable, Codable {
    public var entry: EntryID
    public var person: PersonID
    public var module: ModuleID
    public var hours: CreditHours
    public var form: StudyForm
    /// When the learner completed the module.
    public var occurredAt: Date
    public var source: EntrySource

    public init(
        entry: EntryID, person: PersonID, module: ModuleID, hours: CreditHours, form: StudyForm, occurredAt: Date,
        source: EntrySource
    ) {
        self.entry = entry
        self.person = person
        self.module = module
        self.hours = hours
        self.form = form
        self.occurredAt = occurredAt
        self.source = source
    }

    /// The credit of a credit entry.
    public init(_ entry: LedgerEntry) {
        self.init(
            entry: entry.id, person: entry.person, module: entry.module, hours: entry.hours, form: entry.form,
            occurredAt: entry.occurredAt, source: entry.source)
    }

    /// The Moodle site the credit came from, if it came from one.
    public var site: SiteID? {
        if case .moodle(let site, _, _) = source { return site }
        return nil
    }

    /// The canonical order every rule reads credits in: by when they occurred, then by entry id
    /// (compared as text, as the databases compare it), so no result depends on the order of reading.
    public static func canonicallyBefore(_ lhs: StandingCredit, _ rhs: StandingCredit) -> Bool {
        (lhs.occurredAt, lhs.entry.rawValue) < (rhs.occurredAt, rhs.entry.rawValue)
    }
}

extension YearMonth {
    /// The month `date` falls in at a fixed offset from UTC (whole seconds), computed without a
    /// calendar object, so totals over a million credits stay cheap.
    public init(_ date: Date, utcOffsetSeconds: Int) {
        let day = CivilDay(date, utcOffsetSeconds: utcOffsetSeconds)
        self.init(year: day.year, month: day.month)
    }
}

/// The proleptic Gregorian day a moment falls on at a fixed offset from UTC, by arithmetic (Howard
/// Hinnant's `civil_from_days`) rather than a calendar object: a report over a million credits
/// places each one on its day.
public struct CivilDay: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(_ date: Date, utcOffsetSeconds: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}
