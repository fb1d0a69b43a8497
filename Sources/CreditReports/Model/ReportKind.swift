/// The reports MoodleBridge produces.
public enum ReportKind: String, CaseIterable, Sendable, Codable {
    case creditSheet = "credit-sheet"
    case certificates
    case frdo
    case statements
    case plan
    case centres
    case reconciliation
}
