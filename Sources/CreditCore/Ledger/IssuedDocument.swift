import Foundation

/// A document to issue: a certificate for a completed route, a statement for an expired one, or the
/// cancellation of an earlier document.
public struct DocumentRequest: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case certificate
        case statement
        case cancellation
    }

    public var kind: Kind
    public var route: RouteID
    public var person: PersonID
    public var hours: CreditHours
    public var issuedAt: Date
    /// The registration year (numbers restart at 1 each year, in each series).
    public var year: Int
    /// For a cancellation, the registration number it cancels.
    public var cancels: String?
    /// What the written number starts with: the kind's series prefix (``DocumentNumbering``).
    public var prefix: String
    /// What a certificate or statement certifies, as issued; nil for a cancellation.
    public var content: DocumentContent?
    /// The code that, with the number, lets anyone verify the document (``VerificationCode``).
    public var verificationCode: String?
    /// For a cancellation: why the document is cancelled.
    public var reason: String?
    /// For a cancellation: who cancelled it.
    public var `operator`: String?

    public init(
        kind: Kind, route: RouteID, person: PersonID, hours: CreditHours, issuedAt: Date, year: Int,
        cancels: String? = nil, prefix: String? = nil, content: DocumentContent? = nil,
        verificationCode: String? = nil, reason: String? = nil, operator: String? = nil
    ) {
        self.kind = kind
        self.route = route
        self.person = person
        self.hours = hours
        self.issuedAt = issuedAt
        self.year = year
        self.cancels = cancels
        self.prefix = prefix ?? DocumentNumbering().prefix(for: kind)
        self.content = content
        self.verificationCode = verificationCode
        self.reason = reason
        self.operator = `operator`
    }
}

/// What a certificate or statement certifies, stored with it when it is issued and never changed:
/// reports print it as issued, whatever happens to the credits behind it later.
public struct DocumentContent: Hashable, Sendable {
    public var program: ProgramID
    public var programTitle: String
    /// The program's volume: the course hours a certificate states (72).
    public var programHours: CreditHours
    /// When the route was completed (certificates); nil for a statement.
    public var completedAt: Date?
    /// The modules the document certifies, in the order they were passed.
    public var modules: [DocumentModule]

    public init(
        program: ProgramID, programTitle: String, programHours: CreditHours, completedAt: Date?,
        modules: [DocumentModule]
    ) {
        self.program = program
        self.programTitle = programTitle
        self.programHours = programHours
        self.completedAt = completedAt
        self.modules = modules
    }
}

/// One module a document certifies, as it stood at issue, with the credit entry behind it.
public struct DocumentModule: Hashable, Sendable {
    public var module: ModuleID
    public var title: String
    public var form: StudyForm
    public var hours: CreditHours
    public var occurredAt: Date
    /// The ledger entry of the credit.
    public var entry: EntryID

    public init(
        module: ModuleID, title: String, form: StudyForm, hours: CreditHours, occurredAt: Date, entry: EntryID
    ) {
        self.module = module
        self.title = title
        self.form = form
        self.hours = hours
        self.occurredAt = occurredAt
        self.entry = entry
    }
}

/// A document with its registration number. Immutable once issued.
public struct IssuedDocument: Hashable, Sendable {
    public var request: DocumentRequest
    /// The document's place among all documents issued in its year (every kind), the order reports
    /// list them in.
    public var number: Int
    /// The document's number in its kind's series and year.
    public var seriesNumber: Int
    /// The registration number as issued: prefix, year, series number, e.g. `2026-00017`, `С-2026-00003`.
    public var registrationNumber: String

    public init(request: DocumentRequest, number: Int, seriesNumber: Int, registrationNumber: String) {
        self.request = request
        self.number = number
        self.seriesNumber = seriesNumber
        self.registrationNumber = registrationNumber
    }

    /// A document numbered in its series: the registration number written from the request's prefix.
    public init(request: DocumentRequest, number: Int, seriesNumber: Int) {
        self.init(
            request: request, number: number, seriesNumber: seriesNumber,
            registrationNumber: IssuedDocument.registrationNumber(
                prefix: request.prefix, year: request.year, number: seriesNumber))
    }

    /// `PREFIXyyyy-NNNNN`, e.g. `2026-00017` or `С-2026-00003`.
    public static func registrationNumber(prefix: String = "", year: Int, number: Int) -> String {
        let digits = String(number)
        return "\(prefix)\(year)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    /// The prefix a stored registration number was written with (`С-` of `С-2026-00003`).
    public static func prefix(of registrationNumber: String, year: Int, seriesNumber: Int) -> String {
        let rest = IssuedDocument.registrationNumber(year: year, number: seriesNumber)
        return registrationNumber.hasSuffix(rest) ? String(registrationNumber.dropLast(rest.count)) : ""
    }
}

/// The prefixes of the three number series: certificates, statements and cancellations are each
/// numbered on their own, per year (`2026-00001`, `С-2026-00001`, `А-2026-00001` by default).
public struct DocumentNumbering: Hashable, Sendable {
    public var certificatePrefix: String
    public var statementPrefix: String
    public var cancellationPrefix: String

    public init(certificatePrefix: String = "", statementPrefix: String = "С-", cancellationPrefix: String = "А-") {
        self.certificatePrefix = certificatePrefix
        self.statementPrefix = statementPrefix
        self.cancellationPrefix = cancellationPrefix
    }

    public func prefix(for kind: DocumentRequest.Kind) -> String {
        switch kind {
        case .certificate: certificatePrefix
        case .statement: statementPrefix
        case .cancellation: cancellationPrefix
        }
    }
}
