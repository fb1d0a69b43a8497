import CreditCore
import Testing

@Suite("Credit hours")
struct CreditHoursTests {
    @Test("sums are exact within bounds and saturate, never trap, beyond them")
    func saturation() {
        #expect(CreditHours(36) + CreditHours(36) == CreditHours(72))
        #expect(CreditHours(72) - CreditHours(76) == CreditHours(-4))
        #expect(CreditHours(.max) + CreditHours(36) == CreditHours(.max))
        #expect(CreditHours(.min) - CreditHours(1) == CreditHours(.min))
        #expect(CreditHours(.min) + CreditHours(-1) == CreditHours(.min))
        #expect(CreditHours(.max) - CreditHours(-1) == CreditHours(.max))
    }
}
