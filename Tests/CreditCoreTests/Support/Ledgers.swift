import CreditCore
import Foundation

/// A UTC calendar, so test dates read the same everywhere.
let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
}()

/// The instant a `yyyy-MM-dd` day (or `yyyy-MM-dd HH:mm`) begins, in UTC.
func day(_ text: String) -> Date {
    let parts = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
    let components = DateComponents(
        year: parts[0], month: parts[1], day: parts[2],
        hour: parts.count > 3 ? parts[3] : 0, minute: parts.count > 4 ? parts[4] : 0)
    return utc.date(from: components)!
}

/// Writes ledger entries for one person with readable, sequential ids.
struct LedgerWriter {
    var person: PersonID = "p-1"
    private(set) var entries: [LedgerEntry] = []

    init(person: PersonID = "p-1") { self.person = person }

    @discardableResult
    mutating func credit(
        _ module: String, _ hours: Int, on date: String, form: StudyForm = .distance,
        site: String = "north"
    ) -> LedgerEntry {
        append(module: module, hours: hours, date: day(date), form: form, kind: .credit, site: site)
    }

    @discardableResult
    mutating func reverse(_ credit: LedgerEntry, on date: String) -> LedgerEntry {
        append(
            module: credit.module.rawValue, hours: credit.hours.value, date: day(date),
            form: credit.form, kind: .reversal(of: credit.id), site: "north")
    }

    private mutating func append(
        module: String, hours: Int, date: Date, form: StudyForm, kind: LedgerEntry.Kind,
        site: String
    ) -> LedgerEntry {
        let number = entries.count + 1
        let entry = LedgerEntry(
            id: EntryID("e-\(number)"), person: person, module: ModuleID(module),
            hours: CreditHours(hours), form: form, kind: kind, occurredAt: date, recordedAt: date,
            source: .moodle(site: SiteID(site), courseID: number, userID: 1),
            idempotencyKey: "\(site)/\(module)/\(person)/\(number)")
        entries.append(entry)
        return entry
    }
}

extension Program {
    static func freeChoice(target: Int = 72) -> Program {
        Program(
            id: "free-72", title: "Free choice", kind: .freeChoice(allowed: nil),
            targetHours: CreditHours(target))
    }

    static func trajectory(_ modules: [String], ordered: Bool) -> Program {
        Program(
            id: "trajectory", title: "Trajectory",
            kind: .trajectory(modules: modules.map { ModuleID($0) }, isOrdered: ordered))
    }

    func route(startingOn start: String) -> Route {
        openRoute(id: "r-1", for: "p-1", start: day(start), calendar: utc)
    }
}
