import CreditCore
import CreditReports
import Foundation

/// A registrar corrects or completes one learner's data by hand (the learner card's form): names,
/// SNILS, birth date, sex and the other fields of the federal registry. The same rules as a persons
/// file's row (``ImportPersons``): every value checked, a SNILS another learner holds refused,
/// another SNILS for a learner who has one refused, nothing written when anything is wrong; each
/// change is an event of the registry's history naming the registrar.
public struct EditPerson: Sendable {
    public struct Input: Sendable {
        public var person: String
        /// Values by the persons file's column names (``PersonDetailsFile/columns``); an empty
        /// value leaves the field as it is.
        public var values: [String: String]
        public var `operator`: String

        public init(person: String, values: [String: String], operator: String) {
            self.person = person
            self.values = values
            self.operator = `operator`
        }
    }

    public let ledger: LedgerOpener
    public var now: Date

    public init(ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> ImportPersons.Result {
        var row = input.values.filter { PersonDetailsFile.columns.contains($0.key) && $0.key != "person_id" }
        row["person_id"] = input.person
        let place = "the data of \(input.person)"
        return try await ImportPersons(ledger: ledger, now: now).merge(
            PersonDetailsFile(row: row), source: { _ in .registrar(login: input.operator) }, locate: { _ in place },
            refusal: "\(place) has", operator: input.operator, description: "person data of \(input.person) by hand",
            dryRun: false)
    }
}
