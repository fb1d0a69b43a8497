import CreditCore

/// Why a report cannot be built.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The credit sheet needs a learner and none was named.
    case personRequired
    /// No learner with this id is in the ledger.
    case unknownPerson(PersonID)

    public var description: String {
        switch self {
        case .personRequired: "the credit sheet is one learner's: name them with --person"
        case .unknownPerson(let id): "no learner '\(id)' in the ledger"
        }
    }
}
