import Foundation

/// Formats Unix times the way report builder shows them (`strftimedaydatetime`, English):
/// "Saturday, 1 March 2025, 4:41 PM", minute precision, in the site's timezone.
struct MoodleDateFormat {
    private let formatter: DateFormatter

    init(timeZoneIdentifier: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEEE, d MMMM yyyy, h:mm a"
        formatter.amSymbol = "AM"
        formatter.pmSymbol = "PM"
        self.formatter = formatter
    }

    func string(fromUnix seconds: Int) -> String {
        formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
