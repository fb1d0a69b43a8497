import BridgeSync
import CreditCore
import Foundation
import MoodleClient

/// Checks that one Moodle site can be synced: the token works, the service allows every function
/// the sync needs, and which completion path (report builder or classic) the site supports.
///
/// It makes one `core_webservice_get_site_info` call, plus one `core_reportbuilder_retrieve_report`
/// call (one row) when the report-builder path applies.
public struct SiteCheck: Sendable {
    /// The completion path the sync will take on a site.
    public enum CompletionPath: String, Encodable, Sendable {
        /// `core_reportbuilder_retrieve_report` on the configured report (Moodle 4.1+).
        case reportBuilder = "report-builder"
        /// `core_enrol_get_enrolled_users` + `core_completion_get_course_completion_status`.
        case classic
    }

    /// Why a site cannot be synced, with what to do about it.
    public struct Problem: Encodable, Sendable, CustomStringConvertible {
        /// A stable label: `invalid-token`, `access-denied`, `missing-functions`, `unreachable` …
        public var cause: String
        /// The cause and the fix, in one or two sentences. Never contains the token.
        public var message: String

        public var description: String { message }
    }

    /// The readable part of the configured completion report.
    public struct ReportProbe: Encodable, Sendable {
        public var id: Int
        public var name: String?
        public var headers: [String]
        public var totalRowCount: Int
    }

    /// Everything the check found.
    public struct Report: Encodable, Sendable {
        public var siteID: String
        public var configuredURL: String
        public var tokenSource: String
        public var siteName: String?
        public var siteURL: String?
        public var release: String?
        public var version: String?
        public var username: String?
        public var userID: Int?
        /// The functions the sync needs on the path it will take, as checked.
        public var requiredFunctions: [String] = []
        /// Those of ``requiredFunctions`` (and of the report path, when taken) the service lacks.
        public var missingFunctions: [String] = []
        public var completionPath: CompletionPath?
        public var completionReport: ReportProbe?
        /// Whether `tool_mobile_call_external_functions` is allowed.
        public var batching: Bool?
        /// Things worth knowing that do not stop the sync.
        public var notes: [String] = []
        /// What stops the sync; empty when the site is usable.
        public var problems: [Problem] = []

        public var usable: Bool { problems.isEmpty }

        enum CodingKeys: String, CodingKey {
            case siteID, configuredURL, tokenSource, siteName, siteURL, release, version, username, userID
            case requiredFunctions, missingFunctions, completionPath, completionReport, batching, notes, problems
            case usable
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(siteID, forKey: .siteID)
            try container.encode(configuredURL, forKey: .configuredURL)
            try container.encode(tokenSource, forKey: .tokenSource)
            try container.encodeIfPresent(siteName, forKey: .siteName)
            try container.encodeIfPresent(siteURL, forKey: .siteURL)
            try container.encodeIfPresent(release, forKey: .release)
            try container.encodeIfPresent(version, forKey: .version)
            try container.encodeIfPresent(username, forKey: .username)
            try container.encodeIfPresent(userID, forKey: .userID)
            try container.encode(requiredFunctions, forKey: .requiredFunctions)
            try container.encode(missingFunctions, forKey: .missingFunctions)
            try container.encodeIfPresent(completionPath, forKey: .completionPath)
            try container.encodeIfPresent(completionReport, forKey: .completionReport)
            try container.encodeIfPresent(batching, forKey: .batching)
            try container.encode(notes, forKey: .notes)
            try container.encode(problems, forKey: .problems)
            try container.encode(usable, forKey: .usable)
        }
    }

    /// Where an administrator adds functions to a service.
    public static let addFunctionsPath =
        "Site administration → Server → Web services → External services → the token's service → "
        + "Functions → Add functions"

    public let site: SiteConfig
    public let client: MoodleSite
    /// The organisation's category field, when categories are read from Moodle.
    public var categoryField: String?

    public init(site: SiteConfig, client: MoodleSite, categoryField: String? = nil) {
        self.site = site
        self.client = client
        self.categoryField = categoryField
    }

    /// Runs the check. Moodle and network failures become ``Problem``s; it never throws.
    public func run() async -> Report {
        var report = Report(
            siteID: site.id.rawValue, configuredURL: site.baseURL.absoluteString, tokenSource: site.token.description)
        let info: MoodleSiteInfo
        do {
            info = try await client.siteInfo()
        } catch {
            report.problems.append(problem(for: error))
            return report
        }
        report.siteName = info.siteName
        report.siteURL = info.siteURL
        report.release = info.release
        report.version = info.version
        report.username = info.username
        report.userID = info.userID
        report.batching = info.missingFunctions(SyncRequirements.batching).isEmpty
        let path = completionPath(info, notes: &report.notes)
        report.completionPath = path
        report.requiredFunctions = SyncRequirements.needed(for: path == .reportBuilder ? .reportBuilder : .classic)
        report.missingFunctions = info.missingFunctions(report.requiredFunctions)
        if !report.missingFunctions.isEmpty {
            report.problems.append(missingFunctionsProblem(report.missingFunctions))
        }
        let cohorts = info.missingFunctions(SyncRequirements.cohorts)
        if !cohorts.isEmpty {
            report.notes.append(
                "centres are read from the learners' department field only: add \(cohorts.joined(separator: ", ")) "
                    + "to read them from cohorts (optional)")
        }
        if info.advancedFeature("enablecompletion") == 0 {
            report.notes.append(
                "completion tracking is off site-wide (Site administration → Advanced features → "
                    + "Enable completion tracking); no completions can be read until it is on")
        }
        if report.completionPath == .reportBuilder, let reportID = site.completionReportID {
            await probeReport(reportID, into: &report)
        }
        if report.completionPath == .classic, !info.missingFunctions([MoodleFunction.getUsersCourses]).isEmpty {
            report.notes.append(
                "the classic path asks the completion status of every pair not yet credited on each run: add "
                    + "\(MoodleFunction.getUsersCourses) (it needs moodle/course:viewparticipants in the courses) "
                    + "to read each learner's completed flags in one call and ask only the pairs newly completed "
                    + "(optional)")
        }
        if report.completionPath == .classic, report.batching == false {
            report.notes.append(
                "batching is off: add \(MoodleFunction.callExternalFunctions) to the service to send many "
                    + "calls per HTTP request (optional)")
        }
        return report
    }

    /// Report builder when Moodle is 4.1 or later, the report functions are allowed and a
    /// completion report is configured; classic otherwise (with a note saying why).
    private func completionPath(_ info: MoodleSiteInfo, notes: inout [String]) -> CompletionPath {
        guard let reportID = site.completionReportID else { return .classic }
        guard let version = info.versionNumber, version >= SyncRequirements.reportBuilderVersion else {
            notes.append(
                "completion_report \(reportID) is configured, but Moodle \(info.release ?? info.version ?? "?") "
                    + "predates the report-builder web services (4.1); the classic path is used")
            return .classic
        }
        let missing = info.missingFunctions(SyncRequirements.reportBuilder)
        guard missing.isEmpty else {
            notes.append(
                "completion_report \(reportID) is configured, but the service lacks "
                    + "\(missing.joined(separator: ", ")); the classic path is used until it is added "
                    + "(\(Self.addFunctionsPath))")
            return .classic
        }
        let filters = info.missingFunctions(SyncRequirements.reportFilters)
        if !filters.isEmpty {
            notes.append(
                "incremental syncs need \(filters.joined(separator: ", ")) (optional; without them "
                    + "every sync reads the whole report)")
        }
        return .reportBuilder
    }

    /// Reads one row of the completion report to prove it exists, is visible and has columns.
    private func probeReport(_ reportID: Int, into report: inout Report) async {
        do {
            let page = try await client.retrieveReport(reportID: reportID, page: 0, perPage: 1)
            report.completionReport = ReportProbe(
                id: reportID, name: page.details?.name, headers: page.headers, totalRowCount: page.totalRowCount)
            let columns = CompletionReportColumns(headers: page.headers, site: site, categoryField: categoryField)
            if !page.headers.isEmpty, !columns.missingRequired.isEmpty {
                report.problems.append(
                    Problem(
                        cause: "report-columns-missing",
                        message: "completion report \(reportID) lacks the column(s) \(columns.missingRequired.joined(separator: ", ")); "
                            + "add them in Moodle (Reports → Report builder → Custom reports → the report → Add column)"))
            } else if !columns.lacking.isEmpty {
                report.notes.append(
                    "completion report \(reportID) lacks \(columns.lacking.joined(separator: ", ")): each sync looks up "
                        + "the learners new to the ledger (core_user_get_users_by_field, one request per 100 new "
                        + "learners); add these columns to read everything from the report alone (optional)")
            }
            if page.headers.isEmpty {
                report.problems.append(
                    Problem(
                        cause: "report-unreadable",
                        message: "completion report \(reportID) has no columns; add the user, course and "
                            + "time-completed columns to it in Moodle (Reports → Report builder → Custom reports)"))
            }
        } catch let error as MoodleError where error.code == .recordNotFound {
            report.problems.append(
                Problem(
                    cause: "report-unreadable",
                    message: "completion report \(reportID) does not exist on \(site.baseURL.absoluteString); "
                        + "correct completion_report in sites.yaml, or remove it to use the classic path"))
        } catch let error as MoodleError where error.code == .noPermission || error.code == .accessDenied {
            report.problems.append(
                Problem(
                    cause: "report-unreadable",
                    message: "the web-service user may not view completion report \(reportID) "
                        + "(\(error.moodleErrorCode ?? error.code.description)); add the user to the report's "
                        + "audience (Reports → Report builder → Custom reports → the report → Audience)"))
        } catch {
            report.problems.append(problem(for: error, function: MoodleFunction.retrieveReport))
        }
    }

    private func missingFunctionsProblem(_ missing: [String]) -> Problem {
        Problem(
            cause: "missing-functions",
            message: "the token's service does not allow \(missing.count) function(s) the sync needs: "
                + "\(missing.joined(separator: ", ")); add them in \(Self.addFunctionsPath)")
    }

    /// Turns a failure into the cause and what to do, naming the token's source, never the token.
    private func problem(for error: any Error, function: String = MoodleFunction.getSiteInfo) -> Problem {
        let url = site.baseURL.absoluteString
        guard let error = error as? MoodleError else {
            return Problem(cause: "error", message: "\(function) failed: \(error)")
        }
        switch error.code {
        case .invalidToken:
            return Problem(
                cause: "invalid-token",
                message: "Moodle rejected the token from the \(site.token) as invalid (errorcode invalidtoken): "
                    + "it was revoked, deleted or has expired; create a new token for the web-service user "
                    + "(Site administration → Server → Web services → Manage tokens) and store it in the "
                    + "\(site.token)")
        case .accessDenied:
            return Problem(
                cause: "access-denied",
                message: "Moodle refused the token from the \(site.token) (errorcode accessexception): the token "
                    + "may have expired or be restricted to another IP address, its service may be disabled or "
                    + "not list the web-service user, or the user lacks webservice/rest:use; check them under "
                    + "Site administration → Server → Web services")
        case .userSuspended, .userDeleted:
            return Problem(
                cause: "user-refused",
                message: "the web-service user of the token from the \(site.token) may not use web services "
                    + "(\(error.moodleErrorCode ?? error.code.description)): its account is suspended, deleted, "
                    + "unconfirmed or set to nologin; fix the account in Moodle")
        case .webServicesDisabled:
            return Problem(
                cause: "web-services-disabled",
                message: "web services are turned off on \(url) (an empty answer); enable them under Site "
                    + "administration → Advanced features → Enable web services, and the REST protocol under "
                    + "Site administration → Server → Web services → Manage protocols")
        case .transport, .timeout, .cancelled:
            return Problem(
                cause: "unreachable",
                message: "cannot reach \(url) (\(error.code)): \(error.message) (The address is the site's "
                    + "url in sites.yaml.)")
        case .siteMaintenance:
            return Problem(
                cause: "maintenance",
                message: "\(url) is in maintenance mode; run the check again when the maintenance is over")
        case .unexpectedHTML, .malformedResponse, .httpStatus, .rateLimited:
            return Problem(
                cause: "not-moodle-web-services",
                message: "\(url) did not answer like Moodle's REST web services (\(error.code)): \(error.message) "
                    + "Check url in sites.yaml (the site root, without /webservice/…)")
        default:
            return Problem(cause: "moodle-error", message: "\(function) failed: \(error.description)")
        }
    }
}
