import CreditCore

/// The registry folded for search (``SearchLearners``), sorted by folded name, kept while the
/// registry stands still: it is read again only when ``LedgerStore/registryRevision()`` changes.
/// A long-running front end (the console) keeps one; a fresh one reads the registry once.
public actor LearnerIndex {
    struct Entry: Sendable {
        let person: Person
        /// The folded full name, as bytes, and where each of its words starts.
        let name: [UInt8]
        let wordStarts: [Int]
        let email: [UInt8]?
        let idnumber: [UInt8]?
        let id: String

        init(_ person: Person) {
            self.person = person
            name = Array(SearchLearners.folded(person.fullName).utf8)
            var starts = [0]
            for index in name.indices.dropFirst() where name[index - 1] == UInt8(ascii: " ") { starts.append(index) }
            wordStarts = name.isEmpty ? [] : starts
            email = person.email.map { Array(SearchLearners.folded($0).utf8) }
            idnumber = person.idnumber.map { Array(SearchLearners.folded($0).utf8) }
            id = person.id.rawValue.lowercased()
        }
    }

    private var revision: RegistryRevision?
    private var entries: [Entry] = []

    public init() {}

    /// The registry's entries, by folded name then id: those read before when the registry has not
    /// changed since.
    func entries(of ledger: any LedgerStore) async throws -> [Entry] {
        let current = try await ledger.registryRevision()
        if current == revision { return entries }
        let read = try await ledger.persons().map(Entry.init)
            .sorted { ($0.name.lexicographicallyPrecedes($1.name)) || ($0.name == $1.name && $0.id < $1.id) }
        entries = read
        revision = current
        return read
    }
}
