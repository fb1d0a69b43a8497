import Foundation

/// A further-training program that modules accumulate into.
///
/// A free-choice program is completed when the credited hours reach the target; a trajectory is
/// completed when every listed module is credited (in the listed order, when it is ordered).
public struct Program: Hashable, Sendable, Codable {
    /// How a learner may put the program together.
    public enum Kind: Hashable, Sendable, Codable {
        /// Any of the allowed modules; `nil` allows every module.
        case freeChoice(allowed: Set<ModuleID>?)
        /// A fixed set of modules, optionally to be passed in the listed order.
        case trajectory(modules: [ModuleID], isOrdered: Bool)
    }

    public static let defaultTargetHours: CreditHours = 72
    public static let defaultModuleHours: ClosedRange<Int> = 2...36
    public static let defaultDurationMonths = 6

    public var id: ProgramID
    public var title: String
    public var kind: Kind
    public var targetHours: CreditHours
    /// The hours a single module may have, inclusive.
    public var moduleHours: ClosedRange<Int>
    /// How long a route in this program may last, in calendar months.
    public var durationMonths: Int
    /// Whether a route opens by itself at the learner's first credit in one of its modules.
    public var opensAutomatically: Bool

    public init(
        id: ProgramID, title: String, kind: Kind,
        targetHours: CreditHours = Program.defaultTargetHours,
        moduleHours: ClosedRange<Int> = Program.defaultModuleHours,
        durationMonths: Int = Program.defaultDurationMonths,
        opensAutomatically: Bool = false
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.targetHours = targetHours
        self.moduleHours = moduleHours
        self.durationMonths = durationMonths
        self.opensAutomatically = opensAutomatically
    }

    /// Whether a credit in `module` can count toward this program.
    public func includes(_ module: ModuleID) -> Bool {
        switch kind {
        case .freeChoice(let allowed): allowed?.contains(module) ?? true
        case .trajectory(let modules, _): modules.contains(module)
        }
    }

    /// Opens a route for `person` starting at `start`; the deadline is `durationMonths` later in
    /// `calendar` (whose time zone decides where days begin).
    public func openRoute(
        id: RouteID, for person: PersonID, start: Date, calendar: Calendar
    ) -> Route {
        let deadline = calendar.date(byAdding: .month, value: durationMonths, to: start) ?? start
        return Route(id: id, person: person, program: self.id, start: start, deadline: deadline)
    }
}
