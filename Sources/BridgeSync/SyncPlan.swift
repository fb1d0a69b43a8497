import CreditCore
import Foundation
import MoodleClient

/// Which functions a site must allow, and which completion path it supports.
public enum SyncRequirements {
    /// Every path needs these.
    public static let common = [
        MoodleFunction.getSiteInfo, MoodleFunction.getCoursesByField, MoodleFunction.getUsersByField,
    ]
    /// The report-builder path adds these (Moodle 4.1+).
    public static let reportBuilder = [
        MoodleFunction.retrieveReport, MoodleFunction.setReportFilters, MoodleFunction.resetReportFilters,
    ]
    /// The classic path adds these.
    public static let classic = [MoodleFunction.getEnrolledUsers, MoodleFunction.getCourseCompletionStatus]
    /// Optional: batching of completion-status calls, and centres from cohorts.
    public static let optional = [
        MoodleFunction.callExternalFunctions, MoodleFunction.getCohorts, MoodleFunction.getCohortMembers,
    ]
    /// Moodle 4.1's version number: the report builder's web services exist from it on.
    public static let reportBuilderVersion = 2_022_112_800.0

    /// The path a site supports, or the functions it lacks for the one it should use.
    public static func path(for site: SiteConfig, info: MoodleSiteInfo) -> Result<SiteSyncResult.Path, SyncError> {
        let wantsReport = site.completionReportID != nil && (info.versionNumber ?? 0) >= reportBuilderVersion
        let path: SiteSyncResult.Path =
            wantsReport && info.missingFunctions(reportBuilder).isEmpty ? .reportBuilder : .classic
        let needed = common + (path == .reportBuilder ? reportBuilder : classic)
        let missing = info.missingFunctions(needed)
        return missing.isEmpty ? .success(path) : .failure(.missingFunctions(site: site.id, functions: missing))
    }
}
