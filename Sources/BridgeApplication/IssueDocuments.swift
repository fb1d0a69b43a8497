import CreditCore
import CreditReports
import Foundation

/// Issue documents: a registration number for every completed route that has no certificate yet
/// (and, when asked, a statement for every expired route that has none).
///
/// Each route is judged at the moment of issue: today now, or another issue day at its end. The
/// registration year is the issue day's; certificates and statements are numbered in series of their
/// own, with the prefixes of `numbering:` in the mapping files. Each document is stored with what it
/// certifies (program, volume, modules and the credit entry behind each) and a random verification
/// code. A dry run plans the same documents and writes nothing.
public struct IssueDocuments: Sendable {
    public struct Input: Sendable {
        /// The issue day as written (dd.mm.yyyy); nil for today.
        public var issuedOn: String?
        /// Accept an issue day after today.
        public var allowFuture: Bool
        /// Also issue statements for expired routes.
        public var statements: Bool
        /// Plan the documents and issue none.
        public var dryRun: Bool

        public init(issuedOn: String? = nil, allowFuture: Bool = false, statements: Bool = false, dryRun: Bool = false)
        {
            self.issuedOn = issuedOn
            self.allowFuture = allowFuture
            self.statements = statements
            self.dryRun = dryRun
        }
    }

    /// One document issued (or, in a dry run, that would be).
    public struct Document: Hashable, Sendable, Encodable {
        public var kind: String
        public var route: String
        public var person: String
        public var name: String
        public var hours: Int
        /// nil in a dry run.
        public var registrationNumber: String?
        /// The code printed beside the number for verification; nil in a dry run.
        public var verificationCode: String?
    }

    public struct Result: Sendable {
        public var dryRun: Bool
        /// The issue day.
        public var issuedOn: ReportDay
        public var documents: [Document]
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener
    public var now: Date

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.mapping = mapping
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        var context = ReportContext(mapping: mapping, asOf: now)
        if let issuedOn = input.issuedOn {
            guard let day = ReportDay(parsing: issuedOn), day.day <= day.lastDayOfMonth.day else {
                throw ApplicationError(.invalidValue, "--issued-on '\(issuedOn)' is not a day (dd.mm.yyyy)")
            }
            // Issued today: now; on another day: at its end, routes judged as they stood then.
            if day != context.day(context.asOf) { context.asOf = context.endOfDay(day) }
            try FutureDates(timeZone: context.timeZone, now: now).check(
                context.asOf, text: issuedOn, what: "--issued-on", allowed: input.allowFuture)
        }
        let ledger = try await self.ledger()
        let snapshot = try await LedgerSnapshot.read(from: ledger)
        let planner = DocumentPlanner()
        var requests = planner.requests(.certificate, snapshot: snapshot, context: context)
        if input.statements { requests += planner.requests(.statement, snapshot: snapshot, context: context) }
        var random = SystemRandomNumberGenerator()
        for index in requests.indices { requests[index].verificationCode = VerificationCode.make(using: &random) }
        let names = snapshot.personByID.mapValues(\.fullName)
        func document(_ request: DocumentRequest, number: String?) -> Document {
            Document(
                kind: request.kind.rawValue, route: request.route.rawValue, person: request.person.rawValue,
                name: names[request.person] ?? "", hours: request.hours.value, registrationNumber: number,
                verificationCode: number == nil ? nil : request.verificationCode)
        }
        let documents =
            input.dryRun
            ? requests.map { document($0, number: nil) }
            : try await ledger.issueDocuments(requests).map { document($0.request, number: $0.registrationNumber) }
        return Result(dryRun: input.dryRun, issuedOn: context.day(context.asOf), documents: documents)
    }
}
