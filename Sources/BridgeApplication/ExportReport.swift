import BridgeConfig
import BridgeSync
import CreditCore
import CreditReports
import Foundation
import MoodleClient

/// A client for a Moodle site of the mapping files, reached through its connection settings, its
/// token resolved; a thrown error says why there is none (never quoting the token).
public typealias MoodleConnector = @Sendable (SiteConfig, SiteConnection) throws -> MoodleSite

/// Export one report: the criteria checked (every criterion applies or is refused), the ledger read,
/// the table built for the report's kind, with its heading (institution, criteria, day made) and
/// its warnings (sites the reconciliation could not read). Writing it (CSV, XLSX, JSON) is the front
/// end's: ``ReportFormat/files(_:name:language:separator:)``.
///
/// The ledger is opened only once the criteria that need no ledger have been checked, so a refused
/// report never reads it.
public struct ExportReport: Sendable {
    public struct Input: Sendable {
        public var kind: ReportKind
        public var criteria: ReportCriteria
        /// The registrar's persons file for the certificates and frdo reports (middle names, birth
        /// dates, sex, prior diplomas); without it they read the ledger's person registry.
        public var persons: ReportPersonsFile?

        public init(kind: ReportKind, criteria: ReportCriteria = ReportCriteria(), persons: ReportPersonsFile? = nil) {
            self.kind = kind
            self.criteria = criteria
            self.persons = persons
        }
    }

    /// The region: its mapping, and how each site is reached (for the reconciliation).
    public let configuration: RegionConfiguration
    public let ledger: LedgerOpener
    /// How the reconciliation reaches the sites; nil where no connection is configured (the
    /// reconciliation is then refused, every other report works).
    public let connect: MoodleConnector?
    public var now: Date

    public var mapping: RegionMapping { configuration.mapping }

    public init(
        configuration: RegionConfiguration, ledger: @escaping LedgerOpener, connect: MoodleConnector? = nil,
        now: Date = Date()
    ) {
        self.configuration = configuration
        self.ledger = ledger
        self.connect = connect
        self.now = now
    }

    public func run(_ input: Input) async throws -> ExportedReport {
        let kind = input.kind
        var criteria = input.criteria
        // Unknown sites and centres, and criteria that cannot apply, are refused before the ledger is read.
        try Self.refusing { try criteria.check(for: kind, mapping: mapping) }
        if input.persons != nil, kind != .certificates, kind != .frdo {
            throw ApplicationError(
                .invalidValue,
                "--persons does not apply to the \(kind.rawValue) report: only certificates and frdo read personal details"
            )
        }
        var details: PersonDetailsFile?
        if let file = input.persons {
            let read = PersonDetailsFile(bytes: file.contents)
            if let problem = read.problems.first { throw ApplicationError(.unreadableFile, "\(file.name): \(problem)") }
            details = read
        }
        if kind == .reconciliation, connect == nil {
            throw ApplicationError(
                .siteUnusable,
                "the reconciliation reads every Moodle site, and no connection to Moodle is configured here")
        }
        let ledger = try await self.ledger()
        // The reconciliation reads the ledger through its use case; here it needs only the persons
        // (for the criteria and the heading), and a second copy of the standing credits would
        // double its memory on a large ledger.
        let snapshot: LedgerSnapshot
        switch kind {
        case .reconciliation:
            snapshot = LedgerSnapshot(
                persons: try await ledger.persons(), projection: LedgerProjection(standingCredits: []), routes: [],
                documents: [])
        case .creditSheet:
            // One learner's sheet reads that learner only: the person, their credits, routes and documents.
            if let person = try await Self.learner(criteria.person, in: ledger) {
                // Named by id from here on: a SNILS of a person merged into another leads to that one.
                criteria.person = person.id.rawValue
                snapshot = LedgerSnapshot(
                    persons: [person],
                    projection: LedgerProjection(standingCredits: try await ledger.standingCredits(person: person.id)),
                    routes: try await ledger.routes(person: person.id),
                    documents: try await ledger.documents(person: person.id))
            } else {
                // No such learner (the criteria name them as unknown), or none asked for.
                snapshot = LedgerSnapshot(
                    persons: [], projection: LedgerProjection(standingCredits: []), routes: [], documents: [])
            }
        default:
            snapshot = try await LedgerSnapshot.read(from: ledger)
        }
        var context = ReportContext(mapping: mapping, asOf: now)
        if let day = criteria.asOf { context.asOf = context.endOfDay(day) }
        let filter = try Self.refusing { try criteria.filter(for: kind, mapping: mapping, snapshot: snapshot) }
        var table: ReportTable
        var failures: [SyncRunner.Summary.Failure] = []
        switch kind {
        case .creditSheet:
            guard let person = filter.person else { throw Self.applicationError(ReportError.personRequired) }
            table = try Self.refusing {
                try CreditSheetBuilder().build(person: person, snapshot: snapshot, context: context, filter: filter)
            }
        case .certificates:
            table = CertificatesBuilder().build(
                snapshot: snapshot, context: context, filter: filter,
                details: details ?? PersonDetailsFile(registry: snapshot.persons))
        case .statements: table = StatementsBuilder().build(snapshot: snapshot, context: context, filter: filter)
        case .plan: table = PlanBuilder().build(snapshot: snapshot, context: context, filter: filter)
        case .centres: table = CentresBuilder().build(snapshot: snapshot, context: context, filter: filter)
        case .frdo:
            table =
                FRDOBuilder().build(
                    snapshot: snapshot, details: details ?? PersonDetailsFile(registry: snapshot.persons),
                    context: context, filter: filter
                ).table
        case .reconciliation:
            guard let connect else { preconditionFailure("checked above") }
            let result = try await Reconcile(
                configuration: configuration, ledger: { ledger }, connect: connect, now: now
            ).run(sites: filter.site.map { [$0] })
            table = result.table
            failures = result.failures
        }
        table.heading = filter.heading(
            context: context, asOf: criteria.asOf, madeOn: context.day(now), persons: snapshot.personByID)
        table.heading.warnings = failures.map { ReportHeading.siteNotRead($0.site, reason: $0.message) }
        return ExportedReport(table: table, failures: failures)
    }

    /// The learner `text` names (a SNILS, or a person id), looked up in the ledger by that key alone.
    /// A SNILS leads to the person the ledger counts it for: the one its owner is merged into, if any.
    static func learner(_ text: String?, in ledger: any LedgerStore) async throws -> Person? {
        guard let text else { return nil }
        guard let snils = try? SNILS(parsing: text) else { return try await ledger.person(id: PersonID(text)) }
        if let id = try await ledger.person(kind: .snils, value: snils.digits) { return try await ledger.person(id: id) }
        // A ledger written before SNILS were kept as keys holds them in the person rows only.
        return try await ledger.persons().first { $0.snils == snils }
    }

    /// A day typed for `criterion` (dd.mm.yyyy or yyyy-mm-dd), or nil when none was typed.
    ///
    /// - Throws: ``ApplicationError`` naming the criterion when the text is not a day.
    public static func day(_ text: String?, for criterion: ReportCriterion) throws -> ReportDay? {
        guard let text else { return nil }
        guard let day = ReportDay(parsing: text), day.day <= day.lastDayOfMonth.day else {
            throw ApplicationError(.invalidValue, "\(criterion.option) '\(text)' is not a day (dd.mm.yyyy)")
        }
        return day
    }

    /// A month typed for the plan's `criterion` (yyyy-mm, as a month input gives it), or nil when
    /// none was typed. The plan counts whole months: `to` means the month's last day, any other
    /// criterion its first.
    ///
    /// - Throws: ``ApplicationError`` naming the criterion when the text is not a month.
    public static func month(_ text: String?, for criterion: ReportCriterion) throws -> ReportDay? {
        guard let text else { return nil }
        guard let month = YearMonth(text) else {
            throw ApplicationError(.invalidValue, "\(criterion.rawValue) '\(text)' is not a month (yyyy-mm)")
        }
        let first = ReportDay(year: month.year, month: month.month, day: 1)
        return criterion == .to ? first.lastDayOfMonth : first
    }

    /// Runs `body`, a report's refusal turned into the application's error with the same sentence.
    private static func refusing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ReportError { throw applicationError(error) }
    }

    static func applicationError(_ error: ReportError) -> ApplicationError {
        switch error {
        case .unknownPerson, .unknownSNILS, .unknownSite, .unknownCentre:
            ApplicationError(.unknown, error.description)
        case .personRequired, .notApplicable, .ambiguousCentre, .emptyPeriod, .notWholeMonth:
            ApplicationError(.invalidValue, error.description)
        }
    }
}
