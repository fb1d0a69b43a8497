import Foundation

/// Moodle's "Full name with link" report cell: `<a href="https://site/user/profile.php?id=42">Name</a>`.
/// The profile link is the only place a report shows the Moodle user id.
enum ProfileLink {
    /// The user id in the cell's profile link, if it has one.
    static func userID(in cell: String) -> Int? {
        guard let marker = cell.range(of: "/user/profile.php?id=") else { return nil }
        let digits = cell[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits).flatMap { $0 > 0 ? $0 : nil }
    }
}
