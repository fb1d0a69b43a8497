import CreditCore

/// The registry's persons behind a set of SNILS, as a credit sheet or a hand-entered credit needs
/// them to tell a known learner from a new one.
enum KnownPersons {
    /// Persons by SNILS digits, for the SNILS the ledger links to a person.
    static func bySNILS(_ digits: some Sequence<String>, in ledger: any LedgerStore) async throws -> [String: Person] {
        var ids: [String: PersonID] = [:]
        for snils in digits {
            if let id = try await ledger.person(kind: .snils, value: snils) { ids[snils] = id }
        }
        guard !ids.isEmpty else { return [:] }
        let persons = Dictionary(try await ledger.persons().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMapValues { id in
            // A key may name a person the registry has not stored yet: the key alone still identifies.
            persons[id] ?? Person(id: id, lastName: "", firstName: "")
        }
    }
}
