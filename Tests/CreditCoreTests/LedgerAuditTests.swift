import CreditCore
import Foundation
import Testing

/// The record checks of `verify` on their own: what they pass and what they name.
@Suite("Ledger audit")
struct LedgerAuditTests {
    func change(_ person: PersonID, _ field: PersonField, _ value: String) -> RecordedPersonEvent {
        RecordedPersonEvent(
            event: PersonEvent(person: person, field: field, kind: .change, stored: nil, offered: value, source: "sheet"),
            batch: "b1", recordedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("a person kept before the registry's history is checked only in the fields a change names")
    func personsBeforeTheHistory() {
        // Created without events (an early ledger); later a sheet gave a middle name.
        let person = Person(id: "p1", lastName: "Иванова", firstName: "Анна", middleName: "Петровна")
        #expect(LedgerAudit.personProblem([person], events: [change("p1", .middleName, "Петровна")]) == nil)
        var edited = person
        edited.middleName = "Сергеевна"
        #expect(
            LedgerAudit.personProblem([edited], events: [change("p1", .middleName, "Петровна")])
                == .personDiffers(person: "p1", field: "middle_name", stored: "Сергеевна", fromEvents: "Петровна"))
        // A later change replaces the earlier one.
        #expect(
            LedgerAudit.personProblem(
                [edited], events: [change("p1", .middleName, "Петровна"), change("p1", .middleName, "Сергеевна")])
                == nil)
        #expect(
            LedgerAudit.personProblem([], events: [change("p1", .lastName, "Иванова")])
                == .personDiffers(person: "p1", field: "row", stored: "(none)", fromEvents: "a person"))
    }

    @Test("a counter behind the highest number issued is named; one ahead (numbers of an earlier scheme) is not")
    func counters() {
        let document = IssuedDocument(
            request: DocumentRequest(
                kind: .certificate, route: "r1", person: "p1", hours: 72, issuedAt: Date(timeIntervalSince1970: 0),
                year: 2026),
            number: 3, seriesNumber: 2)
        let ahead = LedgerAudit.Counters(series: [.init(kind: "certificate", year: 2026): 5], years: [2026: 7])
        #expect(LedgerAudit.counterProblem([document], counters: ahead) == nil)
        let behind = LedgerAudit.Counters(series: [.init(kind: "certificate", year: 2026): 2], years: [2026: 2])
        #expect(
            LedgerAudit.counterProblem([document], counters: behind)
                == .numberSeriesBehind(series: "of all documents of 2026", counter: 2, highest: 3))
    }
}
