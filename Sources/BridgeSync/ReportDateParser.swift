import Foundation

/// Reads the dates that report-builder cells carry as text, e.g. `Saturday, 1 March 2025, 4:41 PM`,
/// in the site's time zone (the bridge asks for English with `moodlewssettinglang=en`).
struct ReportDateParser: Sendable {
    private let calendar: Calendar
    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The instant, to the minute; `nil` when the text is not such a date.
    func date(from text: String) -> Date? {
        // "Saturday, 1 March 2025, 4:41 PM" → ["Saturday", "1 March 2025", "4:41 PM"]
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2 else { return nil }
        let dayPart = parts.count == 3 ? parts[1] : parts[0]
        let dayWords = dayPart.split(separator: " ")
        guard dayWords.count == 3, let day = Int(dayWords[0]),
            let monthIndex = Self.months.firstIndex(of: dayWords[1].lowercased()), let year = Int(dayWords[2])
        else { return nil }
        var hour = 0
        var minute = 0
        if parts.count == 3 {
            let timeWords = parts[2].split(separator: " ")
            let clock = timeWords.first?.split(separator: ":").compactMap { Int($0) } ?? []
            guard clock.count == 2, (1...12).contains(clock[0]) || timeWords.count == 1 else { return nil }
            hour = clock[0]
            minute = clock[1]
            if timeWords.count == 2 {
                let isPM = timeWords[1].uppercased() == "PM"
                hour = hour % 12 + (isPM ? 12 : 0)
            }
        }
        return calendar.date(
            from: DateComponents(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute))
    }
}
