import CreditCore

/// Why a report cannot be built.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The credit sheet needs a learner and none was named.
    case personRequired
    /// No learner with this id is in the ledger.
    case unknownPerson(PersonID)
    /// No learner with this SNILS is in the ledger.
    case unknownSNILS(String)
    /// The criterion cannot narrow this kind of report.
    case notApplicable(ReportCriterion, ReportKind, reason: String)
    /// The mapping files have no such site; `known` are the sites they have.
    case unknownSite(String, known: [String])
    /// No centre has this id, field value, cohort or name; `known` describes the centres.
    case unknownCentre(String, known: [String])
    /// Several centres answer to this text.
    case ambiguousCentre(String, matches: [String])
    /// `--to` lies before `--from`.
    case emptyPeriod(from: ReportDay, to: ReportDay)
    /// The plan is by month: its period starts on a month's first day and ends on a month's last.
    case notWholeMonth(ReportCriterion, ReportDay)

    public var description: String {
        switch self {
        case .personRequired: "the credit sheet is one learner's: name them with --person"
        case .unknownPerson(let id): "no learner '\(id)' in the ledger"
        case .unknownSNILS(let snils): "no learner with SNILS \(snils) in the ledger"
        case .notApplicable(let criterion, let kind, let reason):
            "\(criterion.option) does not apply to the \(kind.rawValue) report: \(reason)"
        case .unknownSite(let site, let known):
            "unknown site '\(site)'; the mapping files have: \(known.joined(separator: ", "))"
        case .unknownCentre(let centre, let known):
            "unknown centre '\(centre)'; give a centre by its id, field value or name: "
                + known.joined(separator: "; ")
        case .ambiguousCentre(let centre, let matches):
            "'\(centre)' names several centres: \(matches.joined(separator: "; ")); give the centre's id"
        case .emptyPeriod(let from, let to):
            "--to \(to.russian) lies before --from \(from.russian): the period is empty"
        case .notWholeMonth(let criterion, let day):
            "the plan is by month: \(criterion.option) \(day.russian) must be the "
                + (criterion == .from ? "first" : "last") + " day of a month"
        }
    }
}
