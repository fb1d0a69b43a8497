import CreditCore
import Foundation

/// What every builder needs besides the ledger: the region's mapping, the time zone days are counted
/// in, and the moment the report stands at.
public struct ReportContext: Sendable {
    public var mapping: RegionMapping
    public var timeZone: TimeZone
    /// The moment the report describes (routes are judged as they stand then).
    public var asOf: Date

    public init(mapping: RegionMapping, timeZone: TimeZone? = nil, asOf: Date) {
        self.mapping = mapping
        self.timeZone =
            timeZone ?? mapping.sites.first.flatMap { TimeZone(identifier: $0.timeZone) }
            ?? TimeZone(identifier: "Europe/Moscow") ?? .gmt
        self.asOf = asOf
    }

    /// The day `date` falls on in the region.
    public func day(_ date: Date) -> ReportDay { ReportDay(date, in: timeZone) }

    /// The module's title from the mapping, else its id.
    public func title(of module: ModuleID) -> String { mapping.module(module)?.title ?? module.rawValue }

    /// The program's title from the mapping, else its id.
    public func title(of program: ProgramID) -> String { mapping.program(program)?.title ?? program.rawValue }

    /// The centre's name from the mapping, else its id.
    public func name(of centre: CentreID) -> String {
        mapping.organisation.centres.first { $0.id == centre }?.name ?? centre.rawValue
    }
}
