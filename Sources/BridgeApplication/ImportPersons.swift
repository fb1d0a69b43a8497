import CreditCore
import CreditReports
import Foundation

/// Import the registrar's persons file into the person registry: every row is matched to a learner
/// the ledger knows (by `person_id`, or by a SNILS the ledger links to one), checked, and merged by
/// the registry rule. Whole or nothing: one bad row refuses the file, every bad row named.
///
/// A row that gives both `person_id` and `snils` links that SNILS to the person, so a later credit
/// sheet or hand-entered credit with that SNILS credits this learner, never a new one.
public struct ImportPersons: Sendable {
    public struct Input: Sendable {
        /// The file's path as given, for messages and the registry's history.
        public var path: String
        public var contents: [UInt8]
        public var `operator`: String
        /// Check the file and write nothing.
        public var dryRun: Bool

        public init(path: String, contents: [UInt8], operator: String, dryRun: Bool = false) {
            self.path = path
            self.contents = contents
            self.operator = `operator`
            self.dryRun = dryRun
        }
    }

    public struct Result: Sendable, Encodable {
        public var rows: Int
        /// Learners whose registry record changed (or would, in a dry run).
        public var personsChanged: Int
        /// Fields set or corrected.
        public var fieldsChanged: Int
        /// SNILS newly linked to a learner.
        public var snilsLinked: Int
        public var dryRun: Bool
    }

    public let ledger: LedgerOpener
    public var now: Date

    public init(ledger: @escaping LedgerOpener, now: Date = Date()) {
        self.ledger = ledger
        self.now = now
    }

    public func run(_ input: Input) async throws -> Result {
        let file = PersonDetailsFile(bytes: input.contents)
        let name = URL(fileURLWithPath: input.path).lastPathComponent
        return try await merge(
            file, source: { .personsFile(file: name, row: $0) }, locate: { "\(input.path): line \($0)" },
            refusal: "\(input.path) has", operator: input.operator, description: "persons file \(name)",
            dryRun: input.dryRun)
    }

    /// Merges the rows of `file` into the registry, each as facts of `source(line)`; whole or
    /// nothing, every problem named where `locate(line)` says. ``EditPerson`` merges its one row so.
    func merge(
        _ file: PersonDetailsFile, source: (Int) -> PersonFacts.Source, locate: (Int) -> String, refusal: String,
        operator: String, description: String, dryRun: Bool
    ) async throws -> Result {
        var problems = file.problems.map { "\(locate($0.line)): \($0.message)" }
        let ledger = try await self.ledger()
        let persons = Dictionary(try await ledger.persons().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var facts: [PersonFacts] = []
        var lines: [PersonID: Int] = [:]
        var keys: [PersonKey] = []
        var linkedInFile: [String: (person: PersonID, line: Int)] = [:]
        for (details, line) in zip(file.details, file.lines) {
            func problem(_ message: String) { problems.append("\(locate(line)): \(message)") }
            let linked = try await details.snils.asyncMap { try await ledger.person(kind: .snils, value: $0.digits) }
                ?? nil
            guard let person = details.person ?? linked else {
                problem("no learner with SNILS \(details.snils?.formatted ?? "") in the ledger; give person_id to link it")
                continue
            }
            guard persons[person] != nil else {
                problem("no learner \(person) in the ledger")
                continue
            }
            if let snils = details.snils {
                if let linked, linked != person {
                    problem("SNILS \(snils) belongs to \(linked) in the ledger, not \(person)")
                    continue
                }
                if let earlier = linkedInFile[snils.digits], earlier.person != person {
                    problem("SNILS \(snils) is given to \(earlier.person) on line \(earlier.line) too")
                    continue
                }
                linkedInFile[snils.digits] = (person, line)
                if linked == nil { keys.append(PersonKey(kind: .snils, value: snils.digits, person: person)) }
            }
            facts.append(PersonFacts(id: person, source: source(line), values: values(details)))
            lines[person] = lines[person] ?? line
        }
        // The registry rule decides; a value it would refuse (another SNILS for a learner who has
        // one) refuses the file, so nothing half-merges.
        let outcome = PersonRegistry.apply(facts, to: persons)
        for conflict in outcome.conflicts {
            problems.append(
                "\(locate(lines[conflict.person] ?? 0)): \(conflict.field.rawValue) of \(conflict.person) is \(conflict.stored ?? "") in the ledger, not \(conflict.offered)"
            )
        }
        if !problems.isEmpty {
            throw ApplicationError(
                .invalidRows,
                "\(refusal) \(problems.count) problem(s); nothing was written:\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        let result = Result(
            rows: facts.count, personsChanged: outcome.persons.count,
            fieldsChanged: outcome.events.filter { $0.kind == .change }.count, snilsLinked: keys.count,
            dryRun: dryRun)
        if !dryRun, !facts.isEmpty {
            _ = try await ledger.append(
                LedgerBatch(
                    id: BatchID("persons-\(UUID().uuidString.prefix(8).lowercased())"), kind: .persons,
                    actor: `operator`, description: description, recordedAt: now, personFacts: facts,
                    personKeys: keys))
        }
        return result
    }

    private func values(_ details: PersonDetails) -> [PersonField: String] {
        var values: [PersonField: String] = [:]
        values[.snils] = details.snils?.formatted
        values[.lastName] = details.lastName
        values[.firstName] = details.firstName
        values[.middleName] = details.middleName
        values[.birthDate] = details.birthDate?.iso
        values[.sex] = details.sex
        values[.educationLevel] = details.educationLevel
        values[.diplomaLastName] = details.diplomaLastName
        values[.diplomaSeries] = details.diplomaSeries
        values[.diplomaNumber] = details.diplomaNumber
        values[.citizenship] = details.citizenship
        values[.funding] = details.funding
        return values
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
