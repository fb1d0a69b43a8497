import CreditCore
import Testing

@Suite("Person registry")
struct PersonRegistryTests {
    let stored = Person(
        id: "P-1", lastName: "Иванова", firstName: "Анна", middleName: "Петровна", snils: try! SNILS(parsing: "112-233-445 95"),
        category: .methodist)

    @Test("a source never blanks a field it does not carry")
    func absentFieldsStay() {
        let facts = PersonFacts(
            id: "P-1", source: .sheet(file: "s.csv", row: 2),
            values: [.lastName: "Иванова", .firstName: "Анна", .middleName: "  "])
        let outcome = PersonRegistry.apply([facts], to: ["P-1": stored])
        #expect(outcome.persons == [])
        #expect(outcome.events == [])
    }

    @Test("another SNILS for a known person is a conflict; the stored SNILS stays")
    func anotherSNILS() {
        let facts = PersonFacts(id: "P-1", source: .moodle(site: "ripk"), values: [.snils: "087-654-303 00"])
        let outcome = PersonRegistry.apply([facts], to: ["P-1": stored])
        #expect(outcome.persons == [])
        #expect(
            outcome.conflicts == [
                PersonEvent(
                    person: "P-1", field: .snils, kind: .conflict, stored: "112-233-445 95", offered: "087-654-303 00",
                    source: "moodle:ripk")
            ])
    }

    @Test("a sheet may not rename a person; Moodle and the registrar may, and the change is recorded")
    func names() {
        let sheet = PersonFacts(id: "P-1", source: .sheet(file: "s.csv", row: 4), values: [.lastName: "Смирнова"])
        #expect(PersonRegistry.apply([sheet], to: ["P-1": stored]).conflicts.map(\.field) == [.lastName])
        let moodle = PersonFacts(id: "P-1", source: .moodle(site: "ripk"), values: [.lastName: "Смирнова"])
        let outcome = PersonRegistry.apply([moodle], to: ["P-1": stored])
        #expect(outcome.persons.map(\.lastName) == ["Смирнова"])
        #expect(outcome.persons.first?.middleName == "Петровна")
        #expect(
            outcome.events == [
                PersonEvent(
                    person: "P-1", field: .lastName, kind: .change, stored: "Иванова", offered: "Смирнова",
                    source: "moodle:ripk")
            ])
    }

    @Test("case and ё/е are spelling, not a change")
    func spelling() {
        var person = stored
        person.firstName = "Алёна"
        let facts = PersonFacts(id: "P-1", source: .sheet(file: "s.csv", row: 2), values: [.firstName: "АЛЕНА"])
        #expect(PersonRegistry.apply([facts], to: ["P-1": person]).events == [])
    }

    @Test("empty fields are filled and a new person is created, each field recorded")
    func fillsGaps() {
        let facts = PersonFacts(
            id: "P-2", source: .personsFile(file: "p.csv", row: 3),
            values: [.lastName: "Орлов", .firstName: "Сергей", .birthDate: "1980-05-01", .sex: "Муж"])
        let outcome = PersonRegistry.apply([facts], to: [:])
        #expect(outcome.persons.count == 1)
        #expect(outcome.persons[0].registry.birthDate == "1980-05-01")
        #expect(outcome.persons[0].category == .teacher)
        #expect(Set(outcome.events.map(\.field)) == [.lastName, .firstName, .birthDate, .sex])
        #expect(outcome.events.allSatisfy { $0.kind == .change && $0.stored == nil })
    }
}
