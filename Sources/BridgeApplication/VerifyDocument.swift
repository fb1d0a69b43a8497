import CreditCore
import CreditReports
import Foundation

/// Verify a document by its registration number and verification code, as a public verification
/// page does: whoever holds both sees what the document states and whether it still stands;
/// anyone else learns nothing — an unknown number and a wrong code give the same nil.
public struct VerifyDocument: Sendable {
    public struct Input: Sendable {
        public var number: String
        public var code: String

        public init(number: String, code: String) {
            self.number = number
            self.code = code
        }
    }

    /// What the page shows: nothing but what is printed on the document, and its status.
    public struct Verified: Hashable, Sendable {
        public enum Status: String, Hashable, Sendable {
            case valid
            case cancelled
        }

        public var number: String
        /// `certificate` or `statement`.
        public var kind: String
        public var programTitle: String
        /// The hours the document states: a certificate's program volume, a statement's hours passed.
        public var hours: Int
        public var issuedOn: ReportDay
        public var status: Status
        /// The holder as initials only, e.g. `Иванова А. П.`.
        public var holder: String
    }

    public let mapping: RegionMapping
    public let ledger: LedgerOpener

    public init(mapping: RegionMapping, ledger: @escaping LedgerOpener) {
        self.mapping = mapping
        self.ledger = ledger
    }

    /// The document, or nil for an unknown number or a wrong code alike.
    public func run(_ input: Input) async throws -> Verified? {
        let number = input.number.trimmingCharacters(in: .whitespaces)
        let ledger = try await self.ledger()
        let documents = try await ledger.documents()
        let document = documents.first {
            $0.registrationNumber == number && $0.request.kind != .cancellation
        }
        // The code is compared even for an unknown number, so that both answers take the same time.
        let stored = document?.request.verificationCode ?? String(repeating: "-", count: VerificationCode.length)
        guard VerificationCode.matches(input.code, stored), let document, document.request.verificationCode != nil
        else { return nil }
        let cancelled = documents.contains { $0.request.kind == .cancellation && $0.request.cancels == number }
        let person = try await ledger.persons().first { $0.id == document.request.person }
        let context = ReportContext(mapping: mapping, asOf: document.request.issuedAt)
        let content = document.request.content
        return Verified(
            number: document.registrationNumber, kind: document.request.kind.rawValue,
            programTitle: content?.programTitle ?? "",
            hours: Self.statedHours(document),
            issuedOn: context.day(document.request.issuedAt), status: cancelled ? .cancelled : .valid,
            holder: person.map(Self.initials) ?? "")
    }

    /// The hours a document states: a certificate's program volume, a statement's hours passed.
    public static func statedHours(_ document: IssuedDocument) -> Int {
        document.request.kind == .certificate
            ? (document.request.content?.programHours.value ?? document.request.hours.value)
            : document.request.hours.value
    }

    /// `Иванова А. П.`: the last name and the initials of the first and middle names.
    public static func initials(_ person: Person) -> String {
        ([person.lastName]
            + [person.firstName, person.middleName].compactMap { name in
                name.flatMap(\.first).map { "\($0)." }
            }).joined(separator: " ")
    }
}
