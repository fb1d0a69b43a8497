import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("The person registry")
struct PersonRegistryUseCaseTests {
    func importSheet(_ text: String, _ fixture: Fixture) async throws -> ImportCreditSheet.Result {
        try await ImportCreditSheet(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(path: "march.csv", contents: Array(text.utf8), operator: "Петрова"))
    }

    func importPersons(_ text: String, _ fixture: Fixture) async throws -> ImportPersons.Result {
        try await ImportPersons(ledger: fixture.opener, now: fixture.now).run(
            .init(path: "persons.csv", contents: Array(text.utf8), operator: "Петрова"))
    }

    /// A learner as a Moodle sync registers them: a site key, no SNILS, no middle name.
    func moodleLearner(_ fixture: Fixture) async throws {
        _ = try await fixture.ledger.append(
            LedgerBatch(
                id: "sync-1", kind: .sync, actor: "ripk", description: "sync", recordedAt: fixture.now,
                persons: [Person(id: "P-ripk-7", lastName: "Кузнецова", firstName: "Ирина")],
                personKeys: [PersonKey(kind: .moodleUser("ripk"), value: "7", person: "P-ripk-7")]))
    }

    @Test("a sheet without the Отчество and Категория columns keeps the stored middle name and category")
    func sheetsDoNotBlank() async throws {
        let fixture = try Fixture()
        _ = try await importSheet(
            """
            СНИЛС;Фамилия;Имя;Отчество;Категория;Модуль;Дата
            112-233-445 95;Кузнецова;Ирина;Сергеевна;методист;OCH-MET-01;14.03.2026
            """, fixture)
        let second = try await importSheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            112-233-445 95;Кузнецова;Ирина;OCH-ADM-01;20.03.2026
            """, fixture)
        #expect(second.written == 1)
        let person = try #require(try await fixture.ledger.persons().first)
        #expect(person.middleName == "Сергеевна")
        #expect(person.category == .methodist)
    }

    @Test("a row with a known SNILS and another surname is reported and credits no one")
    func anotherSurname() async throws {
        let fixture = try Fixture()
        _ = try await importSheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            112-233-445 95;Кузнецова;Ирина;OCH-MET-01;14.03.2026
            """, fixture)
        let refused = try await importSheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            112-233-445 95;Смирнова;Ирина;OCH-ADM-01;20.03.2026
            """, fixture)
        #expect(refused.isRefused && refused.written == 0)
        #expect(
            refused.problems == [
                "march.csv: row 2, column Фамилия: SNILS 112-233-445 95 is Кузнецова Ирина in the ledger, not Смирнова Ирина: correct the row, or the registry (`persons import`) if the ledger is wrong"
            ])
        #expect(try await fixture.ledger.entryCount() == 1)
    }

    @Test("persons import links a SNILS to a Moodle learner; a later sheet credits that learner")
    func linksSNILS() async throws {
        let fixture = try Fixture()
        try await moodleLearner(fixture)
        let imported = try await importPersons(
            """
            person_id;СНИЛС;Отчество;Дата рождения;Пол
            P-ripk-7;112-233-445 95;Сергеевна;01.05.1980;Жен
            """, fixture)
        #expect(imported.rows == 1 && imported.snilsLinked == 1 && imported.personsChanged == 1)
        let sheet = try await importSheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            112-233-445 95;Кузнецова;Ирина;OCH-MET-01;14.03.2026
            """, fixture)
        #expect(sheet.written == 1)
        #expect(try await fixture.ledger.entries(person: nil).map(\.person) == ["P-ripk-7"])
        let persons = try await fixture.ledger.persons()
        #expect(persons.map(\.id) == ["P-ripk-7"])
        #expect(persons[0].middleName == "Сергеевна" && persons[0].registry.birthDate == "1980-05-01")
        let history = try await PersonHistory(ledger: fixture.opener).run(person: "P-ripk-7")
        #expect(history.contains { $0.field == "snils" && $0.source == "persons:persons.csv row 2" })
    }

    @Test("persons import is whole or nothing, every bad line named")
    func wholeOrNothing() async throws {
        let fixture = try Fixture()
        try await moodleLearner(fixture)
        _ = try await importSheet(
            """
            СНИЛС;Фамилия;Имя;Модуль;Дата
            087-654-303 00;Орлов;Сергей;OCH-ADM-01;20.03.2026
            """, fixture)
        let error = await fixture.refusal {
            try await importPersons(
                """
                person_id;snils;birth_date
                P-ripk-7;;01.05.1980
                P-ripk-8;;
                P-ripk-7;087-654-303 00;
                ;112-233-445 95;
                P-ripk-7;;31.02.1980
                """, fixture)
        }
        let message = try #require(error?.message)
        #expect(message.contains("line 3: no learner P-ripk-8 in the ledger"))
        #expect(message.contains("line 4: SNILS 087-654-303 00 belongs to P-08765430300 in the ledger, not P-ripk-7"))
        #expect(message.contains("line 5: no learner with SNILS 112-233-445 95 in the ledger; give person_id"))
        #expect(message.contains("line 6: birth_date '31.02.1980'"))
        // Only the sync's own: the learner's name and category.
        #expect(try await fixture.ledger.personEvents(person: "P-ripk-7").count == 3)
    }
}
