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
    public static func + (lhs: Self, rhs: Self) -> Self { CreditHours(lhs.value + rhs.value) }
    public static func - (lhs: Self, rhs: Self) -> Self { CreditHours(lhs.value - rhs.value) }

    public var description: String { "\(value) h" }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
