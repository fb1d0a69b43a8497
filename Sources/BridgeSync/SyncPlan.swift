import BridgeConfig
import CreditCore
import Foundation
import MoodleClient

/// Which functions a site must allow, and which completion path it supports.
public enum SyncRequirements {
    /// Every path needs these.
    public static let common = [
        MoodleFunction.getSiteInfo, MoodleFunction.getCoursesByField, MoodleFunction.getUsersByField,
    ]
    /// The report-builder path reads completions with this (Moodle 4.1+).
    public static let reportBuilder = [MoodleFunction.retrieveReport]
    /// Optional on the report-builder path: without them every sync reads the whole report.
    public static let reportFilters = [MoodleFunction.setReportFilters, MoodleFunction.resetReportFilters]
    /// The classic path reads completions with these.
    public static let classic = [MoodleFunction.getEnrolledUsers, MoodleFunction.getCourseCompletionStatus]
    /// Optional: many completion-status calls in one HTTP request.
    public static let batching = [MoodleFunction.callExternalFunctions]
    /// Optional: centres from cohorts.
    public static let cohorts = [MoodleFunction.getCohorts, MoodleFunction.getCohortMembers]
    /// Moodle 4.1's version number: the report builder's web services exist from it on.
    public static let reportBuilderVersion = 2_022_112_800.0

    /// The functions a path cannot do without.
    public static func needed(for path: SiteSyncResult.Path) -> [String] {
        common + (path == .reportBuilder ? reportBuilder : classic)
    }

    /// Whether the site supports the report-builder path: a configured report, Moodle 4.1+, and
    /// the function that reads reports.
    public static func supportsReportBuilder(_ connection: SiteConnection, info: MoodleSiteInfo) -> Bool {
        connection.completionReportID != nil && (info.versionNumber ?? 0) >= reportBuilderVersion
            && info.missingFunctions(reportBuilder).isEmpty
    }

    /// The path a site supports, or the functions it lacks for it.
    public static func path(
        for connection: SiteConnection, info: MoodleSiteInfo
    ) -> Result<SiteSyncResult.Path, SyncError> {
        let path: SiteSyncResult.Path = supportsReportBuilder(connection, info: info) ? .reportBuilder : .classic
        let missing = info.missingFunctions(needed(for: path))
        return missing.isEmpty
            ? .success(path) : .failure(.missingFunctions(site: connection.site, functions: missing))
    }
}
