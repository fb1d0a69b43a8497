import BridgeConfig
import BridgeSync
import CreditCore
import Foundation
import MoodleClient

/// Checks that one Moodle site can be synced: the token works, the service allows every function
/// the sync needs, and which completion path (report builder or classic) the site supports.
///
/// It makes one `core_webservice_get_site_info` call, plus one `core_reportbuilder_retrieve_report`
/// call (one row) when the report-builder path applies; on the classic path, given the mapping, it
/// reads the course list and the participants of each mapped course, to say what a run will cost.
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

    /// The requests one run is expected to make, from the site's sizes (``SyncCost``).
    public struct ExpectedRequests: Encodable, Sendable, Equatable {
        /// What the figures were computed from: "394 report rows", "12 mapped courses, 240 learners".
        public var sizes: String
        /// A full sync (on the classic path: before any completion is asked, which adds one status
        /// call per completed pair, or one request per 50 of a course with batching).
        public var fullSync: Int
        /// A nightly run that finds nothing new (on the classic path: at most).
        public var nothingNew: Int
        /// The same two with the optional functions the service lacks added, when that changes them.
        public var fullSyncWithOptional: Int?
        public var nothingNewWithOptional: Int?
        /// The optional functions those figures assume.
        public var optionalFunctions: [String] = []
        /// Whether a run also looks up each learner new to the ledger (one request per 100): the
        /// completion report lacks columns identity needs.
        public var looksUpNewLearners = false
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
        /// What a run costs on this site, when the check could count its sizes.
        public var expectedRequests: ExpectedRequests?
        /// Things worth knowing that do not stop the sync.
        public var notes: [String] = []
        /// What stops the sync; empty when the site is usable.
        public var problems: [Problem] = []

        public var usable: Bool { problems.isEmpty }

        enum CodingKeys: String, CodingKey {
            case siteID, configuredURL, tokenSource, siteName, siteURL, release, version, username, userID
            case requiredFunctions, missingFunctions, completionPath, completionReport, batching, expectedRequests
            case notes, problems
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
            try container.encodeIfPresent(expectedRequests, forKey: .expectedRequests)
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
    /// How the site is reached: its address and token source (named in messages) and its report.
    public let connection: SiteConnection
    public let client: MoodleSite
    /// The organisation's category field, when categories are read from Moodle.
    public var categoryField: String?
    /// The region's mapping: with it, the check counts the classic path's courses and learners
    /// (the course list and the participants of each mapped course) to say what a run costs.
    public var mapping: RegionMapping?

    public init(
        site: SiteConfig, connection: SiteConnection, client: MoodleSite, categoryField: String? = nil,
        mapping: RegionMapping? = nil
    ) {
        self.site = site
        self.connection = connection
        self.client = client
        self.categoryField = categoryField
        self.mapping = mapping
    }

    /// Runs the check. Moodle and network failures become ``Problem``s; it never throws.
    public func run() async -> Report {
        var report = Report(
            siteID: site.id.rawValue, configuredURL: connection.baseURL.absoluteString,
            tokenSource: connection.token.description)
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
        if report.completionPath == .reportBuilder, let reportID = connection.completionReportID {
            await probeReport(reportID, into: &report, info: info)
        }
        if report.completionPath == .classic, report.missingFunctions.isEmpty {
            await estimateClassic(info: info, into: &report)
        }
        return report
    }

    /// Report builder when Moodle is 4.1 or later, the report functions are allowed and a
    /// completion report is configured; classic otherwise (with a note saying why).
    private func completionPath(_ info: MoodleSiteInfo, notes: inout [String]) -> CompletionPath {
        guard let reportID = connection.completionReportID else { return .classic }
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

    /// Whether a full run reads centres from cohorts.
    private func readsCohorts(_ info: MoodleSiteInfo) -> Bool {
        (mapping?.organisation.centres.contains { $0.cohort != nil } ?? false)
            && info.missingFunctions(SyncRequirements.cohorts).isEmpty
    }

    /// The classic path's cost, from the mapped courses' participants, and what each optional
    /// function the service lacks would save.
    private func estimateClassic(info: MoodleSiteInfo, into report: inout Report) async {
        let batching = report.batching ?? false
        let readsFlags = info.missingFunctions([MoodleFunction.getUsersCourses]).isEmpty
        let flagsAdvice =
            "the classic path asks the completion status of every pair not yet credited on each run: add "
            + "\(MoodleFunction.getUsersCourses) (the web-service user needs moodle/course:viewparticipants in the "
            + "courses) to read each learner's completed flags in one call and ask only the pairs newly completed "
            + "(optional)"
        let batchingAdvice =
            "batching is off: add \(MoodleFunction.callExternalFunctions) to the service (it needs no capability "
            + "of its own; each call it carries is checked as if sent alone) to send up to \(SyncCost.batchSize) "
            + "calls per HTTP request (optional)"
        guard let mapping else {
            if !readsFlags { report.notes.append(flagsAdvice) }
            if !batching { report.notes.append(batchingAdvice) }
            return
        }
        let size: ClassicSiteSize
        do { size = try await ClassicSiteSize.read(site: site, mapping: mapping, moodle: client) } catch {
            report.notes.append(
                "could not count the mapped courses' participants to estimate a run's requests: \(error)")
            if !readsFlags { report.notes.append(flagsAdvice) }
            if !batching { report.notes.append(batchingAdvice) }
            return
        }
        let cohorts = readsCohorts(info)
        func requests(batching: Bool, flags: Bool, full: Bool) -> Int {
            var run = size.nothingNew(batching: batching, readsFlags: flags)
            run.readsCohorts = full && cohorts
            return run.total
        }
        let nothingNew = requests(batching: batching, flags: readsFlags, full: false)
        var expected = ExpectedRequests(
            sizes: "\(size.mappedCourses) mapped courses, \(size.learners) learners",
            fullSync: requests(batching: batching, flags: readsFlags, full: true), nothingNew: nothingNew)
        if !batching || !readsFlags {
            expected.fullSyncWithOptional = requests(batching: true, flags: true, full: true)
            expected.nothingNewWithOptional = requests(batching: true, flags: true, full: false)
            expected.optionalFunctions =
                (readsFlags ? [] : [MoodleFunction.getUsersCourses])
                + (batching ? [] : [MoodleFunction.callExternalFunctions])
        }
        report.expectedRequests = expected
        if !readsFlags {
            report.notes.append(
                flagsAdvice + ": a run with nothing new would make at most "
                    + "\(requests(batching: batching, flags: true, full: false)) requests instead of \(nothingNew)")
        }
        if !batching {
            report.notes.append(
                batchingAdvice + ": a run with nothing new would make at most "
                    + "\(requests(batching: true, flags: readsFlags, full: false)) requests instead of \(nothingNew)")
        }
    }

    /// The report path's cost from the report's row count.
    private func estimateReport(rows: Int, info: MoodleSiteInfo) -> ExpectedRequests {
        let canFilter = info.missingFunctions(SyncRequirements.reportFilters).isEmpty
        func requests(full: Bool, filter: Bool) -> Int {
            SyncCost.ReportPath(
                isFull: full, rows: full || !filter ? rows : 0, canFilter: filter, hasNewRows: false,
                readsCohorts: full && readsCohorts(info)
            ).total
        }
        var expected = ExpectedRequests(
            sizes: "\(rows) report \(rows == 1 ? "row" : "rows")", fullSync: requests(full: true, filter: canFilter),
            nothingNew: requests(full: false, filter: canFilter))
        if !canFilter {
            expected.fullSyncWithOptional = requests(full: true, filter: true)
            expected.nothingNewWithOptional = requests(full: false, filter: true)
            expected.optionalFunctions = SyncRequirements.reportFilters
        }
        return expected
    }

    /// Reads one row of the completion report to prove it exists, is visible and has columns.
    private func probeReport(_ reportID: Int, into report: inout Report, info: MoodleSiteInfo) async {
        do {
            let page = try await client.retrieveReport(reportID: reportID, page: 0, perPage: 1)
            report.completionReport = ReportProbe(
                id: reportID, name: page.details?.name, headers: page.headers, totalRowCount: page.totalRowCount)
            report.expectedRequests = estimateReport(rows: page.totalRowCount, info: info)
            let columns = CompletionReportColumns(headers: page.headers, site: site, categoryField: categoryField)
            report.expectedRequests?.looksUpNewLearners = !columns.lacking.isEmpty
            if !page.headers.isEmpty, !columns.missingRequired.isEmpty {
                report.problems.append(
                    Problem(
                        cause: "report-columns-missing",
                        message:
                            "completion report \(reportID) lacks the column(s) \(columns.missingRequired.joined(separator: ", ")); "
                            + "add them in Moodle (Reports → Report builder → Custom reports → the report → Add column)"
                    ))
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
                    message: "completion report \(reportID) does not exist on \(connection.baseURL.absoluteString); "
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
        let url = connection.baseURL.absoluteString
        guard let error = error as? MoodleError else {
            return Problem(cause: "error", message: "\(function) failed: \(error)")
        }
        switch error.code {
        case .invalidToken:
            return Problem(
                cause: "invalid-token",
                message: "Moodle rejected the token from the \(connection.token) as invalid (errorcode invalidtoken): "
                    + "it was revoked, deleted or has expired; create a new token for the web-service user "
                    + "(Site administration → Server → Web services → Manage tokens) and store it in the "
                    + "\(connection.token)")
        case .accessDenied:
            return Problem(
                cause: "access-denied",
                message: "Moodle refused the token from the \(connection.token) (errorcode accessexception): the token "
                    + "may have expired or be restricted to another IP address, its service may be disabled or "
                    + "not list the web-service user, or the user lacks webservice/rest:use; check them under "
                    + "Site administration → Server → Web services")
        case .userSuspended, .userDeleted:
            return Problem(
                cause: "user-refused",
                message: "the web-service user of the token from the \(connection.token) may not use web services "
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
