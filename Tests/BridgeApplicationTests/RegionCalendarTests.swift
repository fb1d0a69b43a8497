import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("Region calendar: moments on the region's clock")
struct RegionCalendarTests {
    @Test("a moment is the region's day and time, not UTC's")
    func moment() throws {
        let fixture = try Fixture()
        let calendar = RegionCalendar(fixture.mapping)
        #expect(calendar.moment(fixture.now) == "2026-06-01 12:00")
        // 22:30 UTC on 31 May is half past one on 1 June in Moscow.
        let lateUTC = Date(timeIntervalSince1970: 1_780_266_600)
        #expect(ISO8601DateFormatter().string(from: lateUTC) == "2026-05-31T22:30:00Z")
        #expect(calendar.moment(lateUTC) == "2026-06-01 01:30")
        #expect(RegionCalendar(timeZone: .gmt).moment(lateUTC) == "2026-05-31 22:30")
    }
}
