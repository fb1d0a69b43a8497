import BridgeApplication
import CreditCore
import Foundation
import Testing

@Suite("Add a credit by hand")
struct AddCreditTests {
    @Test("a credit is written once: the same person, module and day again writes nothing")
    func sameCreditTwice() async throws {
        let fixture = try Fixture()
        let first = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        #expect(first.written && first.module == "SEM-MMC-01" && first.hours == 6)
        #expect(first.name == "Кузнецова Ирина" && first.person == "P-11223344595")
        let again = try await fixture.add("SEM-MMC-01", on: "2026-03-14")
        #expect(!again.written)
        let entries = try await fixture.ledger.entries(person: nil)
        #expect(entries.count == 1)
        #expect(entries.first?.source == .manual(operator: "Петрова", document: "ведомость 12/26"))
    }

    @Test("the key is a sheet row's: a credit imported from a sheet is not added again by hand")
    func sameKeyAsSheet() async throws {
        let fixture = try Fixture()
        let result = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        let entry = try #require(try await fixture.ledger.entries(person: nil).first)
        let person = try #require(try await fixture.ledger.persons().first { $0.id == result.person })
        #expect(
            entry.idempotencyKey
                == CreditSheet.idempotencyKey(
                    person: person, module: "SEM-MMC-01", day: Fixture.day("2026-03-14")))
    }

    @Test("an unknown module, a bad date, wrong hours, a bad SNILS and a future date are refused; nothing is written")
    func refusals() async throws {
        let fixture = try Fixture()
        let module = await fixture.refusal { try await fixture.add("NO-SUCH", on: "14.03.2026") }
        #expect(module?.kind == .unknown && module?.message.contains("unknown module 'NO-SUCH'") == true)
        let date = await fixture.refusal { try await fixture.add("SEM-MMC-01", on: "31.02.2026") }
        #expect(date?.kind == .invalidValue)
        #expect(date?.message == "date: '31.02.2026' is not a date; write dd.mm.yyyy, e.g. 14.03.2026")
        let hours = await fixture.refusal { try await fixture.add("SEM-MMC-01", on: "14.03.2026", hours: 8) }
        #expect(hours?.message == "hours: '8' does not match module SEM-MMC-01, which has 6 h")
        let future = await fixture.refusal { try await fixture.add("SEM-MMC-01", on: "02.06.2026") }
        #expect(future?.kind == .futureDate && future?.exitStatus == .badInput)
        #expect(future?.message.contains("--date '02.06.2026' is in the future (today is 01.06.2026)") == true)
        let snils = await fixture.refusal {
            try await AddCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
                .init(snils: "112-233-445 96", module: "SEM-MMC-01", date: "14.03.2026", document: "d", operator: "o"))
        }
        #expect(snils?.kind == .invalidValue && snils?.message.hasPrefix("bad SNILS '112-233-445 96'") == true)
        #expect(try await fixture.ledger.entryCount() == 0)
        #expect(try await fixture.add("SEM-MMC-01", on: "02.06.2026", allowFuture: true).written)
    }

    @Test("a person new to the ledger needs names; a known one is found by SNILS")
    func namesOfKnownPersons() async throws {
        let fixture = try Fixture()
        let addCredit = AddCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now)
        let input = AddCredit.Input(
            snils: "112-233-445 95", module: "OCH-MET-01", date: "14.03.2026", document: "d", operator: "o")
        let unknown = await fixture.refusal { try await addCredit.run(input) }
        #expect(
            unknown?.message
                == "no person with SNILS 112-233-445 95 in the ledger yet: give --last-name and --first-name")
        _ = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        let known = try await addCredit.run(input)
        #expect(known.written && known.name == "Кузнецова Ирина" && known.person == "P-11223344595")
    }

    @Test("a refused credit never opens the ledger")
    func refusedBeforeOpening() async throws {
        let fixture = try Fixture()
        let addCredit = AddCredit(
            mapping: fixture.mapping, ledger: { throw CancellationError() }, now: fixture.now)
        let refused = await fixture.refusal {
            try await addCredit.run(
                .init(snils: "112-233-445 95", module: "SEM-MMC-01", date: "01.01.2099", document: "d", operator: "o"))
        }
        #expect(refused?.kind == .futureDate)
    }

    @Test("by a learner's id: credited by their stored SNILS; a learner without one is refused, nothing written")
    func byPerson() async throws {
        let fixture = try Fixture()
        let first = try await fixture.add("SEM-MMC-01", on: "14.03.2026")
        let again = try await AddCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
            .init(
                snils: "", module: "OCH-MET-01", date: "15.03.2026", document: "ведомость 13", operator: "Петрова",
                person: first.person.rawValue))
        #expect(again.written && again.person == first.person)
        _ = try await fixture.ledger.append(
            LedgerBatch(
                id: "sync-1", kind: .sync, actor: "ripk", description: "sync", recordedAt: fixture.now,
                persons: [Person(id: "P-ripk-7", lastName: "Орлова", firstName: "Анна")]))
        let count = try await fixture.ledger.entryCount()
        let refused = await fixture.refusal {
            _ = try await AddCredit(mapping: fixture.mapping, ledger: fixture.opener, now: fixture.now).run(
                .init(
                    snils: "", module: "OCH-MET-01", date: "15.03.2026", document: "ведомость 13", operator: "Петрова",
                    person: "P-ripk-7"))
        }
        #expect(refused?.kind == .invalidValue && refused?.message.contains("Орлова Анна has no SNILS") == true)
        #expect(try await fixture.ledger.entryCount() == count)
    }
}
