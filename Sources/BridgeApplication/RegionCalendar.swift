import CreditCore
import CreditReports
import Foundation

/// Days as the region counts them: in the time zone of its sites (of the first site; Moscow when
/// there is none).
public struct RegionCalendar: Sendable {
    public let timeZone: TimeZone
    public let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public init(_ mapping: RegionMapping) {
        self.init(timeZone: TimeZone(identifier: mapping.sites.first?.timeZone ?? "Europe/Moscow") ?? .current)
    }

    /// The start of the day `text` names (dd.mm.yyyy, or yyyy-mm-dd), or nil when it names none.
    public func day(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { ".-/".contains($0) }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (year, month, day) = text.contains(".") ? (parts[2], parts[1], parts[0]) : (parts[0], parts[1], parts[2])
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// `yyyy-mm-dd` of the day `date` falls on.
    public func iso(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `yyyy-mm-dd hh:mm` of the moment `date`, on the region's clock.
    public func moment(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return iso(date) + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// The last day inside `route` (its deadline is the first instant outside), `yyyy-mm-dd`.
    public func lastDay(of route: Route) -> String { iso(route.deadline.addingTimeInterval(-1)) }

    /// The route a registrar opens for `person` in `program` from `start`; its id names the three.
    public func route(person: PersonID, program: Program, start: Date) -> Route {
        program.openRoute(
            id: RouteID("\(program.id)/\(person)/\(iso(start))"), for: person, start: start, calendar: calendar)
    }
}

/// Refuses a day after today (in the region) where it would be written into the ledger or onto a
/// document — a credit, a route's start, an issue date — unless the caller says it is meant.
public struct FutureDates: Sendable {
    public let timeZone: TimeZone
    public var now: Date

    public init(timeZone: TimeZone, now: Date = Date()) {
        self.timeZone = timeZone
        self.now = now
    }

    /// Today in the region.
    public var today: ReportDay { ReportDay(now, in: timeZone) }

    /// Whether `date` falls on a day after today.
    public func isFuture(_ date: Date) -> Bool { ReportDay(date, in: timeZone) > today }

    /// Why `date`, given as `text` for `what`, is refused; nil when it is not in the future.
    public func refusal(_ date: Date, text: String, what: String) -> String? {
        guard isFuture(date) else { return nil }
        return "\(what) '\(text)' is in the future (today is \(today.russian)); "
            + "pass --allow-future if that date is meant"
    }

    /// Throws the refusal of a future `date` unless `allowed`.
    public func check(_ date: Date, text: String, what: String, allowed: Bool) throws(ApplicationError) {
        guard !allowed, let refusal = refusal(date, text: text, what: what) else { return }
        throw ApplicationError(.futureDate, refusal)
    }
}

/// Finds a person by their id in the ledger or by a SNILS the ledger knows.
public enum PersonLookup {
    public static func person(_ text: String, in ledger: any LedgerStore) async throws -> PersonID? {
        if let snils = try? SNILS(parsing: text) { return try await ledger.person(kind: .snils, value: snils.digits) }
        let id = PersonID(text)
        return try await ledger.persons().contains { $0.id == id } ? id : nil
    }
}
