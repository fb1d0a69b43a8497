/// A whole number of academic hours.
///
/// Hours are exact integers so sums and comparisons with the target never drift.
public struct CreditHours: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, AdditiveArithmetic
{
    public var value: Int

    public init(_ value: Int) { self.value = value }
    public init(integerLiteral value: Int) { self.value = value }

    public static let zero = CreditHours(0)
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
    // Sums saturate instead of trapping: hours that reach the ledger are bounded (2…36 a credit), so
    // saturation never shows in a real total, and a hostile value can never crash a report.
    public static func + (lhs: Self, rhs: Self) -> Self {
        let (sum, overflow) = lhs.value.addingReportingOverflow(rhs.value)
        return CreditHours(overflow ? (rhs.value > 0 ? .max : .min) : sum)
    }
    public static func - (lhs: Self, rhs: Self) -> Self {
        let (difference, overflow) = lhs.value.subtractingReportingOverflow(rhs.value)
        return CreditHours(overflow ? (rhs.value < 0 ? .max : .min) : difference)
    }

    public var description: String { "\(value) h" }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
