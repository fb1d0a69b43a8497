import Foundation

/// The accumulator's verdict on one route at one moment.
public struct RouteProgress: Hashable, Sendable, Codable {
    /// Where the route stands.
    public enum Status: String, Hashable, Sendable, Codable {
        /// Inside its window and short of the target.
        case open
        /// Reached the target (or, for a trajectory, every module) inside its window.
        case completed
        /// Past its deadline without reaching the target: a statement is due.
        case expired

        /// The verdict of a route at `asOf`: completed once it reached its target, else expired
        /// from its deadline on, else open.
        public static func of(completed: Bool, asOf: Date, deadline: Date) -> Self {
            completed ? .completed : (asOf >= deadline ? .expired : .open)
        }
    }

    public var route: RouteID
    public var status: Status
    /// The credits that count, in the order they occurred; one per module.
    public var counted: [CountedCredit]
    /// The sum of the counted credits' hours (it may pass the target).
    public var hoursCredited: CreditHours
    /// Hours still needed to reach the target, never below zero.
    public var remaining: CreditHours
    /// When the credit that completed the route occurred.
    public var completedAt: Date?
    /// The credit that completed the route.
    public var completingEntry: EntryID?
    /// Trajectory modules not yet credited, in the trajectory's order (empty for free choice).
    public var missingModules: [ModuleID]
    /// For an expired route, what the statement (справка) lists.
    public var statement: Statement?
    /// Credits of this person that do not count toward this route, and why.
    public var ignored: [IgnoredCredit]

    /// The modules counted, in order.
    public var modulesCounted: [ModuleID] { counted.map(\.module) }
}

/// A credit that counts toward a route.
public struct CountedCredit: Hashable, Sendable, Codable {
    public var entry: EntryID
    public var module: ModuleID
    public var hours: CreditHours
    public var form: StudyForm
    public var occurredAt: Date

    public init(entry: EntryID, module: ModuleID, hours: CreditHours, form: StudyForm, occurredAt: Date) {
        self.entry = entry
        self.module = module
        self.hours = hours
        self.form = form
        self.occurredAt = occurredAt
    }
}

/// A credit that does not count toward a route.
public struct IgnoredCredit: Hashable, Sendable, Codable {
    /// Why the credit does not count.
    public enum Reason: Hashable, Sendable, Codable {
        /// A reversal entry cancels it.
        case reversed(by: EntryID)
        /// It occurred after the moment the progress is computed for.
        case notYetOccurred
        /// It occurred before the route started or after its deadline.
        case outsideWindow
        /// The module is not part of the route's program.
        case notInProgram
        /// The module's hours lie outside the program's bounds.
        case hoursOutOfBounds
        /// The same module was already counted through another entry (another site or form).
        case alreadyCounted(by: EntryID)
        /// An ordered trajectory module passed before the modules that precede it.
        case outOfOrder
    }

    public var entry: EntryID
    public var module: ModuleID
    public var reason: Reason

    public init(entry: EntryID, module: ModuleID, reason: Reason) {
        self.entry = entry
        self.module = module
        self.reason = reason
    }
}

/// The content of a statement (справка) for a route that expired: the modules passed and their
/// hours.
public struct Statement: Hashable, Sendable, Codable {
    public var route: RouteID
    public var person: PersonID
    public var program: ProgramID
    public var modules: [CountedCredit]
    public var totalHours: CreditHours
}
