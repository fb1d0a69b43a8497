import CreditCore
import Foundation
import Testing

/// The merge log's rules (merges in force, refusals, the hash chain) and the possible duplicates.
@Suite("Person merges")
struct PersonMergesTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func event(_ kind: PersonMerge.Kind, _ keep: PersonID, _ other: PersonID) -> PersonMerge {
        PersonMerge(kind: kind, keep: keep, other: other, reason: "r", actor: "petrova", recordedAt: now)
    }

    @Test("the merges in force follow the log; a chain and a self-merge are refused")
    func mergesInForce() throws {
        var merges = PersonMerges([Self.event(.merge, "A", "B"), Self.event(.merge, "A", "C")])
        #expect(merges.canonical("B") == "A" && merges.canonical("C") == "A" && merges.canonical("A") == "A")
        #expect(merges.members(of: "A") == ["A", "B", "C"])
        #expect(merges.refusal(of: Self.event(.merge, "B", "D")) == .alreadyMerged("B", into: "A"))
        #expect(merges.refusal(of: Self.event(.merge, "D", "A")) == .hasMergedPersons("A", ["B", "C"]))
        #expect(merges.refusal(of: Self.event(.merge, "D", "D")) == .samePerson("D"))
        #expect(merges.refusal(of: Self.event(.unmerge, "D", "B")) == .notMerged("B"))
        merges = PersonMerges([Self.event(.merge, "A", "B"), Self.event(.unmerge, "A", "B")])
        #expect(merges.canonical("B") == "B" && merges.isEmpty)
    }

    @Test("the chain names the first event edited, and its position")
    func chain() throws {
        var log: [RecordedPersonMerge] = []
        log.append(try PersonMergeChain.next(after: log, Self.event(.merge, "A", "B")))
        log.append(try PersonMergeChain.next(after: log, Self.event(.unmerge, "A", "B")))
        log.append(try PersonMergeChain.next(after: log, Self.event(.merge, "B", "A")))
        #expect(log.map(\.position) == [1, 2, 3])
        #expect(PersonMergeChain.verify(log) == nil)
        var edited = log
        edited[1].merge.reason = "another reason"
        #expect(PersonMergeChain.verify(edited) == .mergeAltered(position: 2))
        #expect(PersonMergeChain.verify([log[0], log[2]]) == .mergeAltered(position: 2))
        #expect(throws: PersonMergeRefusal.alreadyMerged("A", into: "B")) {
            try PersonMergeChain.next(after: log, Self.event(.merge, "A", "C"))
        }
    }

    @Test("possible duplicates: a shared SNILS, idnumber, e-mail, or name and birth date; merged ones are not")
    func duplicates() throws {
        let snils = try SNILS(parsing: "112-233-445 95")
        var first = Person(id: "P-1", lastName: "Кузнецова", firstName: "Ирина", snils: snils, email: "I.K@school.ru")
        first.registry.birthDate = "1980-04-02"
        var second = Person(id: "P-2", lastName: "кузнецова", firstName: "ирина", email: "i.k@school.ru")
        second.registry.birthDate = "1980-04-02"
        let third = Person(id: "P-3", lastName: "Орлов", firstName: "Сергей", snils: snils, idnumber: "T-7")
        let fourth = Person(id: "P-4", lastName: "Орлова", firstName: "Анна", idnumber: "T-7")
        let found = PossibleDuplicates.find(in: [fourth, third, second, first])
        #expect(found.map { "\($0.first)-\($0.second)" } == ["P-1-P-2", "P-1-P-3", "P-3-P-4"])
        #expect(
            found[0].evidence == [
                .init(key: .email, value: "i.k@school.ru"),
                .init(key: .nameAndBirthDate, value: "кузнецова ирина, 1980-04-02"),
            ])
        #expect(found[1].evidence == [.init(key: .snils, value: "11223344595")])
        #expect(found[2].text.en == "P-3 and P-4 share idnumber T-7: possibly one teacher")
        let merged = PossibleDuplicates.find(
            in: [first, second, third, fourth], merges: PersonMerges([Self.event(.merge, "P-1", "P-2")]))
        #expect(merged.map { "\($0.first)-\($0.second)" } == ["P-1-P-3", "P-3-P-4"])
    }

    @Test("the projection counts a merged person's credits as the kept one's, each module once")
    func projection() {
        func credit(_ id: String, _ person: PersonID, _ module: ModuleID, _ hours: Int, day: Int) -> LedgerEntry {
            LedgerEntry(
                id: EntryID(id), person: person, module: module, hours: CreditHours(hours), form: .distance,
                kind: .credit, occurredAt: Self.now.addingTimeInterval(Double(day) * 86_400), recordedAt: Self.now,
                source: .manual(operator: "o", document: "d"), idempotencyKey: id)
        }
        let entries = [
            credit("E1", "A", "M-1", 36, day: 2), credit("E2", "B", "M-1", 36, day: 1),
            credit("E3", "B", "M-2", 6, day: 3),
        ]
        let merged = LedgerProjection(entries: entries, merges: PersonMerges([Self.event(.merge, "A", "B")]))
        #expect(merged.persons == ["A"])
        #expect(merged.standing(of: "A").total == PersonTotal(person: "A", modules: 2, hours: 42))
        #expect(merged.standing(of: "A").modules.map(\.entry) == ["E2", "E3"])
        let apart = LedgerProjection(entries: entries)
        #expect(apart.personTotals().map(\.hours) == [36, 42])
    }
}
