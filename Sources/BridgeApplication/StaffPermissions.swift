import CreditCore

/// What each console action requires of a staff member's role; the console checks it on every route.
public enum StaffAction: String, Hashable, Sendable, CaseIterable {
    /// Reading pages: the dashboard, learners, cards, documents, reports.
    case read
    /// Writing persons, credit sheets, routes and documents.
    case writeRecords
    /// Reversing credits in the ledger (a correction ordered by a document).
    case reverseCredits
    /// Merging two persons into one, and undoing a merge.
    case mergePersons
    /// Adding and disabling staff accounts.
    case manageStaff

    /// The least role that may do it.
    public var requiredRole: StaffRole {
        switch self {
        case .read: .viewer
        case .writeRecords: .registrar
        case .reverseCredits: .admin
        case .mergePersons: .admin
        case .manageStaff: .admin
        }
    }
}

extension StaffRole {
    /// Whether this role may do `action`.
    public func may(_ action: StaffAction) -> Bool { allows(action.requiredRole) }
}
