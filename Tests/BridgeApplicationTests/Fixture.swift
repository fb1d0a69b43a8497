import BridgeApplication
import BridgeConfig
import CreditCore
import Foundation
import LedgerSQLite

/// The example region's mapping files and an empty in-memory ledger, at a fixed moment.
struct Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    /// The mapping and how each site is reached.
    let configuration: RegionConfiguration
    let ledger: SQLiteLedger
    /// 1 June 2026, noon in Moscow.
    let now = Fixture.day("2026-06-01", hour: 12)

    init() throws {
        configuration = try MappingLoader().load(directory: Self.root.appendingPathComponent("Mappings"))
            .configuration
        ledger = try SQLiteLedger()
    }

    var mapping: RegionMapping { configuration.mapping }

    var opener: LedgerOpener {
        let ledger = self.ledger
        return { ledger }
    }

    var staff: StaffOpener {
        let ledger = self.ledger
        return { ledger }
    }

    static func day(_ text: String, hour: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moscow
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: hour))!
    }

    /// Adds a credit by hand for Кузнецова Ирина (SNILS 112-233-445 95).
    func add(
        _ module: String, on date: String, hours: Int? = nil, allowFuture: Bool = false
    ) async throws -> AddCredit.Result {
        try await AddCredit(mapping: mapping, ledger: opener, now: now).run(
            .init(
                snils: "112-233-445 95", lastName: "Кузнецова", firstName: "Ирина", module: module, hours: hours,
                date: date, document: "ведомость 12/26", operator: "Петрова", allowFuture: allowFuture))
    }

    /// The error `body` throws, if it throws one of the application's.
    func refusal<T>(_ body: () async throws -> T) async -> ApplicationError? {
        do {
            _ = try await body()
            return nil
        } catch let error as ApplicationError {
            return error
        } catch {
            return nil
        }
    }
}
