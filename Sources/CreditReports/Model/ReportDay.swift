import CreditCore
import Foundation

/// A calendar day, already placed in the region's time zone, so writers never convert dates.
public struct ReportDay: Hashable, Comparable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        // The zone's offset at that moment, then arithmetic: a calendar object per date made reports
        // over a large ledger spend seconds here.
        let day = CivilDay(date, utcOffsetSeconds: timeZone.secondsFromGMT(for: date))
        self.init(year: day.year, month: day.month, day: day.day)
    }

    /// Parses `dd.MM.yyyy` or `yyyy-MM-dd`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let dotted = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        let dashed = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let parts: [Int]
        if dotted.count == 3, dotted[2].count == 4 {
            parts = [dotted[2], dotted[1], dotted[0]].compactMap { Int($0) }
        } else if dashed.count == 3, dashed[0].count == 4 {
            parts = dashed.compactMap { Int($0) }
        } else {
            return nil
        }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `dd.MM.yyyy`, as Russian documents and the federal registry write dates.
    public var russian: String { "\(Self.two(day)).\(Self.two(month)).\(year)" }

    /// `yyyy-MM-dd`, for JSON.
    public var iso: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
